import { logEvent, requestLogging, setLogSink } from '@cream/logging';
import middy from '@middy/core';
import fc from 'fast-check';
import { type CapturedOutput, captureOutput } from './support/captured-output';
import { buildHostile, hostileMix } from './support/hostile-values';
import { httpApiEvent } from './support/http-api-event';
import { lambdaContext } from './support/lambda-context';
import { expectValidLines } from './support/line-checks';

// 1,000 generated hostile cases per property: ~3 s alone, ~25 s seen on a loaded 2-core machine.
jest.setTimeout(120_000);

const generatedCases = 1_000;
const oneMegabyte = 'm'.repeat(1024 * 1024);

/** A non-HTTP event (a scheduled event): the middleware must hand the result back untouched, same reference. */
const scheduledEvent = { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} };

describe('logging faults never reach the handler', () => {
  let out: CapturedOutput;
  beforeEach(() => {
    out = captureOutput();
  });
  afterEach(() => {
    out.stop();
    jest.restoreAllMocks();
  });

  it(`hostile values in fields, results and errors: result unchanged, every line valid JSON (${generatedCases.toLocaleString('en')} generated cases)`, async () => {
    const started = performance.now();
    let lines = 0;
    await fc.assert(
      fc.asyncProperty(hostileMix(), fc.boolean(), fc.boolean(), async (kinds, fails, http) => {
        out.clear();
        const hostile = buildHostile(kinds);
        const result = { statusCode: 200, body: 'ok', hostile };
        const error = Object.assign(new Error('hostile failure', { cause: hostile }), { hostile });
        const handler = middy(async () => {
          logEvent('system_event', { event: 'init', checks: hostile as object });
          if (fails) throw error;
          return result;
        }).use(requestLogging());
        const event = http ? httpApiEvent() : scheduledEvent;

        const outcome = await handler(event, lambdaContext('req-faults')).then(
          (value) => ({ value }),
          (thrown: unknown) => ({ thrown }),
        );

        if (fails) expect(outcome).toEqual({ thrown: error });
        else if (!http) expect('value' in outcome && outcome.value).toBe(result);
        else {
          const value =
            'value' in outcome ? (outcome.value as typeof result & { headers?: object }) : undefined;
          // only the correlation header is added to an HTTP response; everything else is the handler's own
          expect(value?.hostile).toBe(hostile);
          expect({ ...value, headers: undefined }).toEqual({ ...result, headers: undefined });
        }
        expect(out.lines.length).toBeGreaterThanOrEqual(2);
        expectValidLines(out.lines);
        lines += out.lines.length;
      }),
      { numRuns: generatedCases },
    );
    process.stdout.write(
      `faults: ${generatedCases} generated cases, ${lines} lines valid in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  });

  it.each<[string, { logged?: string; message?: string; path?: string; userAgent?: string }]>([
    ['a logged field', { logged: oneMegabyte }],
    ['the error message', { message: oneMegabyte }],
    ['the path', { path: `/${oneMegabyte}` }],
    ['the user agent', { userAgent: oneMegabyte }],
  ])('a 1 MB string in %s still gives valid lines under 256 KB, marked truncated', async (_where, parts) => {
    const handler = middy(async () => {
      if (parts.logged) logEvent('system_event', { event: 'init', detail: parts.logged });
      if (parts.message) throw new Error(parts.message);
      return { statusCode: 200, body: 'ok' };
    }).use(requestLogging());

    await handler(
      httpApiEvent({ path: parts.path, userAgent: parts.userAgent }),
      lambdaContext('req-1mb'),
    ).catch(() => undefined);

    expectValidLines(out.lines);
    expect(out.records().some((record) => record.truncated === true)).toBe(true);
  });

  it('a lower configured limit (8 KB) holds for every line', async () => {
    const limit = 8 * 1024;
    const handler = middy(async () => {
      logEvent('system_event', {
        event: 'init',
        detail: oneMegabyte,
        checks: { many: Array(2000).fill('abc') },
      });
      throw new Error(oneMegabyte);
    }).use(requestLogging({ maxRecordBytes: limit }));

    await handler(httpApiEvent({ userAgent: oneMegabyte }), lambdaContext('req-8k')).catch(() => undefined);
    // restore the default limit for later tests: options configure the shared logger
    requestLogging();

    expect(out.lines.length).toBeGreaterThanOrEqual(2);
    expectValidLines(out.lines, limit);
  });

  it('a sink and a stdout that both fail with EPIPE leave the result unchanged', async () => {
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE', errno: -32, syscall: 'write' });
    setLogSink(() => {
      throw epipe;
    });
    jest.spyOn(process.stdout, 'write').mockImplementation(() => {
      throw epipe;
    });
    const result = { statusCode: 201, body: 'created' };
    const failure = new Error('handler failure');
    const ok = middy(async () => result).use(requestLogging());
    const failing = middy(async () => {
      throw failure;
    }).use(requestLogging());

    await expect(ok(scheduledEvent, lambdaContext('req-epipe-1'))).resolves.toBe(result);
    await expect(failing(scheduledEvent, lambdaContext('req-epipe-2'))).rejects.toBe(failure);
    const http = await ok(httpApiEvent(), lambdaContext('req-epipe-3'));
    expect(http).toEqual({ ...result, headers: { 'x-correlation-id': 'apigw-request-id' } });
  });

  it('a sink that fails on every other line: the lines that got through are valid', async () => {
    const kept: string[] = [];
    let calls = 0;
    setLogSink((line) => {
      calls++;
      if (calls % 2 === 0) throw new Error('EAGAIN');
      kept.push(line);
    });
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const handler = middy(async () => {
      logEvent('system_event', { event: 'init' });
      return { statusCode: 200 };
    }).use(requestLogging());

    for (let i = 0; i < 100; i++) await handler(httpApiEvent(), lambdaContext(`req-eagain-${i}`));

    expect(kept.length).toBeGreaterThan(0);
    expectValidLines(kept);
  });
});
