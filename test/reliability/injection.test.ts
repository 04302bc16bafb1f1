import { catalog, metricNames, recordKeys, requestLogging } from '@cream/logging';
import middy from '@middy/core';
import fc from 'fast-check';
import { type CapturedOutput, captureOutput } from './support/captured-output';
import { httpApiEvent } from './support/http-api-event';
import { lambdaContext } from './support/lambda-context';
import { expectValidLines } from './support/line-checks';

// 3,000 hostile requests: ~2 s alone, ~10 s seen on a loaded 2-core machine.
jest.setTimeout(120_000);

const generatedCases = 3_000;

/** Pieces an attacker would put in a request to split a log line or forge a key. */
const fragments = [
  '\n',
  '\r\n',
  '\r',
  '"',
  '\\',
  '\\"',
  '","level":"DEBUG","forged":"',
  '"}\n{"message":"login_attempt","outcome":"success","forged":true}\n',
  '{"forged":1}',
  '\u2028',
  '\u0000',
  '\t',
  "'",
  '%0a%0d',
  '\\n',
];
const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(''));

/** The keys a request_completed record may have; anything else is forged (or a new contract key to add here). */
const allowedKeys = new Set<string>([
  ...Object.values(recordKeys),
  ...Object.keys(catalog.request_completed.fields),
  '_aws',
  metricNames.requestLatency,
  metricNames.coldStart,
]);

describe('hostile request text never splits a line or forges a key', () => {
  let out: CapturedOutput;
  beforeAll(() => {
    out = captureOutput();
  });
  afterAll(() => out.stop());

  it(`newlines, quotes and JSON fragments in path, headers and user agent: one line, no forged key (${generatedCases.toLocaleString('en')} generated requests)`, async () => {
    const handler = middy(async () => ({ statusCode: 200, body: 'ok' })).use(requestLogging());
    await fc.assert(
      fc.asyncProperty(
        hostileText,
        hostileText,
        hostileText,
        hostileText,
        async (path, userAgent, header, cid) => {
          out.clear();
          const event = httpApiEvent({
            path: `/${path}`,
            routeKey: `GET /${path}`,
            userAgent,
            headers: { 'x-custom': header, 'x-correlation-id': cid, referer: header },
          });

          const response = await handler(event, lambdaContext('req-injection'));

          expect(out.lines).toHaveLength(1);
          expectValidLines(out.lines);
          const [record] = out.records();
          expect(record?.message).toBe('request_completed');
          expect(record?.level).toBe('INFO');
          expect(Object.keys(record ?? {}).filter((key) => !allowedKeys.has(key))).toEqual([]);
          // the hostile text stays data: string values, never structure
          for (const key of ['path', 'route', 'user_agent', 'correlation_id'] as const) {
            if (record?.[key] !== undefined) expect(typeof record[key]).toBe('string');
          }
          expect(JSON.stringify(response)).not.toMatch(/forged":(true|1)/);
        },
      ),
      { numRuns: generatedCases },
    );
    process.stdout.write(`injection: ${generatedCases} hostile requests, each exactly one valid line\n`);
  });
});
