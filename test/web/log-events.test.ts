import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { LogStore } from '../../tools/local/log-store';
import { isLoopbackHost } from '../../tools/local/web/http-helpers';
import { LogEvents } from '../../tools/local/web/log-events';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-log-events-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const loginGroup = '/aws/lambda/Login';
const accessGroup = '/cream/Access';

describe('the console log events', () => {
  it("reads earlier runs' files with each line's own time, and links a request across groups", async () => {
    // Prepare: what an earlier run left in the log store.
    const store = new LogStore(root);
    const day = Date.parse('2026-11-26T00:00:00Z');
    const record = {
      timestamp: '2026-11-26T16:46:32.551Z',
      level: 'INFO',
      message: 'login_attempt',
      correlation_id: 'abc=',
    };
    store.append(loginGroup, 's1', JSON.stringify(record), 0, day + 1000);
    store.append(loginGroup, 's1', 'plain text line', 0, day + 2000);
    store.append(
      accessGroup,
      's2',
      JSON.stringify({ requestId: 'abc=', requestTime: '26/Nov/2026:16:46:33 +0100', status: 401 }),
      0,
      day + 3000,
    );
    // Act
    const events = new LogEvents();
    expect(await events.loadStored(root, loginGroup, 'Login')).toBe(2);
    expect(await events.loadStored(root, accessGroup, 'Api')).toBe(1);
    events.add({
      logGroupName: loginGroup,
      logStreamName: 'live',
      functionName: 'Login',
      line: '{"correlation_id":"other"}',
      record: { correlation_id: 'other' },
      time: day + 9e7,
    });
    // Assess
    expect(events.recent(4).map((event) => [event.source, event.time, event.logStream])).toEqual([
      ['Login', day, 'previous-run'],
      ['Api', Date.parse('2026-11-26T15:46:33Z'), 'previous-run'],
      ['Login', Date.parse('2026-11-26T16:46:32.551Z'), 'previous-run'],
      ['Login', day + 9e7, 'live'],
    ]);
    expect(events.ofRequest('abc=').map((event) => [event.source, event.time])).toEqual([
      ['Api', Date.parse('2026-11-26T15:46:33Z')],
      ['Login', Date.parse('2026-11-26T16:46:32.551Z')],
    ]);
    expect(events.recent(1)[0].logStream).toBe('live');
  });

  it('keeps at most its limit, dropping the oldest', () => {
    const events = new LogEvents(100);
    for (let i = 0; i < 500; i++)
      events.add({
        logGroupName: loginGroup,
        logStreamName: 's',
        functionName: 'Login',
        line: String(i),
        record: {},
        time: i,
      });
    expect(events.size).toBeLessThanOrEqual(110);
    expect(events.recent(1)[0].line).toBe('499');
  });
});

describe('the console host check', () => {
  it('answers loopback names only, whatever the port', () => {
    for (const host of ['localhost:3000', '127.0.0.1:3000', '127.1.2.3', '[::1]:8080', 'LOCALHOST'])
      expect(isLoopbackHost(host)).toBe(true);
    fc.assert(
      fc.property(fc.domain(), fc.option(fc.integer({ min: 1, max: 65535 })), (domain, port) => {
        const host = port === null ? domain : `${domain}:${port}`;
        expect(isLoopbackHost(host)).toBe(domain.toLowerCase() === 'localhost');
      }),
    );
    for (const host of [undefined, '', 'localhost.evil.test', '127.0.0.1.evil.test', '0.0.0.0', '[::1].evil'])
      expect(isLoopbackHost(host)).toBe(false);
  });
});
