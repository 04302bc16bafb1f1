import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { eventTimeOf } from '../../tools/local/event-time';
import { forEachLine } from '../../tools/local/line-reader';
import { LogStore, PreviousRunStream } from '../../tools/local/log-store';
import { forEachStoredEvent, type StoredLogEvent } from '../../tools/local/stored-events';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-stored-events-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const group = '/aws/lambda/Login';
const day = Date.UTC(2026, 10, 26);

const readAll = async (
  store: LogStore,
  options: { start?: number; end?: number } = {},
): Promise<StoredLogEvent[]> => {
  const events: StoredLogEvent[] = [];
  await forEachStoredEvent(store.root, group, { ...options, ledger: store.lineStreams }, (event) =>
    events.push(event),
  );
  return events;
};

describe('the stored log events', () => {
  it('gives each line its own time, the stream that wrote it, and an id in store order', async () => {
    // Prepare: a line an earlier run left, then two streams of this run.
    const dir = path.join(root, 'one', 'aws_lambda_Login');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '2026-11-26.jsonl'), 'earlier text line\n');
    const store = new LogStore(path.join(root, 'one'));
    store.append(group, 'a', '{"timestamp":"2026-11-26T10:00:00.000Z","message":"x"}', 0, day + 1);
    store.append(group, 'b', '{"level":"INFO","timestamp":1796162225023}', 0, day + 2);
    store.append(group, 'a', '{"requestId":"r","requestTime":"26/Nov/2026:11:00:00 +0100"}', 0, day + 3);
    // Act
    const events = await readAll(store);
    // Assess
    expect(events.map((event) => [event.timestamp, event.logStream])).toEqual([
      [day, PreviousRunStream],
      [Date.parse('2026-11-26T10:00:00.000Z'), 'a'],
      [1796162225023, 'b'],
      [Date.parse('2026-11-26T10:00:00.000Z'), 'a'],
    ]);
    expect(events.map((event) => event.eventId)).toEqual([...events.map((event) => event.eventId)].sort());
    expect(new Set(events.map((event) => event.eventId)).size).toBe(4);
    expect(events[0]).toMatchObject({ logGroup: group, logGroupName: group, message: 'earlier text line' });
  });

  it('reads only the range and leaves a half-written line for later', async () => {
    const store = new LogStore(path.join(root, 'two'));
    for (const offset of [0, 1, 5])
      store.append(
        group,
        's',
        JSON.stringify({ timestamp: new Date(day + offset * 86_400_000).toISOString() }),
        0,
        day + offset * 86_400_000,
      );
    fs.appendFileSync(path.join(store.directoryOf(group), '2026-12-01.jsonl'), '{"timestamp":"2026-12-01T');
    const all = await readAll(store);
    const window = await readAll(store, { start: day + 86_400_000, end: day + 2 * 86_400_000 });

    expect(all).toHaveLength(3);
    expect(window.map((event) => event.timestamp)).toEqual([day + 86_400_000]);
  });

  it('finds the time in JSON records, access log lines and text lines', () => {
    expect(eventTimeOf('{"timestamp":"2026-11-26T16:46:32.551Z","level":"INFO"}')).toBe(
      Date.parse('2026-11-26T16:46:32.551Z'),
    );
    expect(eventTimeOf('{"time":"2026-11-26T16:46:32.551Z","type":"platform.report"}')).toBe(
      Date.parse('2026-11-26T16:46:32.551Z'),
    );
    expect(eventTimeOf('{"level":"INFO","timestamp":"2026-11-26T16:46:32.551Z"}')).toBe(
      Date.parse('2026-11-26T16:46:32.551Z'),
    );
    expect(eventTimeOf('2026-11-26T16:46:32.551Z\tabc-123\tINFO\thello')).toBe(
      Date.parse('2026-11-26T16:46:32.551Z'),
    );
    expect(eventTimeOf('REPORT RequestId: abc Duration: 1.00 ms')).toBeUndefined();
    expect(eventTimeOf('{"timestamp":"not a time"}')).toBeUndefined();
  });
});

describe('the line reader', () => {
  it('delivers every line with its byte offset, across chunk boundaries and CRLF ends', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: 'grapheme', maxLength: 40 }).map((text) => text.replace(/[\r\n]/g, '')),
          {
            maxLength: 30,
          },
        ),
        fc.integer({ min: 0, max: 300_000 }),
        fc.boolean(),
        async (lines, padding, crlf) => {
          // One long line moves the others across the reader's 256 KB chunks.
          const all = ['x'.repeat(padding), ...lines];
          const end = crlf ? '\r\n' : '\n';
          const file = path.join(root, 'lines.txt');
          fs.writeFileSync(file, all.map((line) => `${line}${end}`).join(''));
          const seen: [string, number][] = [];
          const next = await forEachLine(file, (line, offset) => seen.push([line, offset]));
          let offset = 0;
          const expected = all.map((line) => {
            const entry: [string, number] = [line, offset];
            offset += Buffer.byteLength(line) + end.length;
            return entry;
          });
          expect(seen).toEqual(expected);
          expect(next).toBe(offset);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('keeps a last line without its end unless asked, and cuts endless lines at 1 MB', async () => {
    const file = path.join(root, 'partial.txt');
    fs.writeFileSync(file, `a\n${'b'.repeat(1024 * 1024 + 5)}`);
    const held: string[] = [];
    const given: string[] = [];
    expect(await forEachLine(file, (line) => held.push(line))).toBe(2 + 1024 * 1024);
    await forEachLine(file, (line) => given.push(line), { partialLast: true });

    expect(held.map((line) => line.length)).toEqual([1, 1024 * 1024]);
    expect(given.map((line) => line.length)).toEqual([1, 1024 * 1024, 5]);
  });
});
