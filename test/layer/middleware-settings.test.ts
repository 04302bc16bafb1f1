/**
 * Options belong to the middleware instance (Middy style): two `requestLogging()` in one process each keep
 * their own redaction keys and size limit, for their own records and for what the handler logs, whichever
 * order their requests run in; outside a request the defaults apply.
 */
import { logger, requestLogging, setLogSink } from '@cream/logging';
import middy from '@middy/core';
import fc from 'fast-check';
import { installInvokeStore } from '../reliability/support/invoke-store';
import { captureLines, httpApiEvent, type LogRecord, lambdaContext } from './helpers';

type Which = 'alpha' | 'beta';

/** One handler per middleware: it logs both candidate secrets, then waits `pause` turns of the event loop. */
const handlers = () => {
  const build = (which: Which, redactKeys: string[]) =>
    middy(async (event: { pathParameters?: { n?: string; pause?: string } }) => {
      const n = event.pathParameters?.n;
      for (let i = 0; i < Number(event.pathParameters?.pause ?? 0); i++) await new Promise(setImmediate);
      logger.info('handler_line', { n, which, alpha_code: `alpha-${n}`, beta_code: `beta-${n}` });
      return { statusCode: 200 };
    }).use(requestLogging({ redactKeys }));
  return { alpha: build('alpha', ['alpha_code']), beta: build('beta', ['beta_code']) };
};

const invoke = (handler: ReturnType<typeof handlers>[Which], n: number, pause = 0) =>
  handler(
    { ...httpApiEvent(), pathParameters: { n: String(n), pause: String(pause) } },
    lambdaContext({ awsRequestId: `req-${n}` }),
  );

/** Throws unless each handler line was redacted by its own middleware only. */
const expectOwnRedaction = (records: readonly LogRecord[], count: number): void => {
  const lines = records.filter((record) => record.message === 'handler_line');
  expect(lines).toHaveLength(count);
  for (const line of lines) {
    const n = line.n as string;
    if (line.which === 'alpha')
      expect([line.alpha_code, line.beta_code]).toEqual(['[REDACTED]', `beta-${n}`]);
    else expect([line.alpha_code, line.beta_code]).toEqual([`alpha-${n}`, '[REDACTED]']);
    expect(line.function_request_id).toBe(`req-${n}`);
  }
};

describe('settings per middleware instance', () => {
  afterEach(() => setLogSink(undefined));

  it('two middlewares with different redactKeys, requests alternating: each keeps its own; outside a request, the defaults', async () => {
    const out = captureLines();
    const { alpha, beta } = handlers();

    for (let n = 0; n < 6; n++) await invoke(n % 2 === 0 ? alpha : beta, n);
    logger.info('handler_line', { n: 'outside', which: 'none', alpha_code: 'alpha-x', beta_code: 'beta-x' });

    expectOwnRedaction(out.records().slice(0, -1), 6);
    // negative control: neither extra key is a built-in secret
    expect(out.records().at(-1)).toMatchObject({ alpha_code: 'alpha-x', beta_code: 'beta-x' });
  });

  it('interleaved concurrent requests of both (Lambda Managed Instances): each keeps its own (property)', async () => {
    const runtime = installInvokeStore(64);
    try {
      const out = captureLines();
      const { alpha, beta } = handlers();
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.constantFrom<Which>('alpha', 'beta'), fc.nat({ max: 5 })), {
            minLength: 2,
            maxLength: 20,
          }),
          async (plan) => {
            out.clear();
            await Promise.all(
              plan.map(([which, pause], n) =>
                runtime.store.run(`req-${n}`, `Root=1-${n}`, () =>
                  invoke(which === 'alpha' ? alpha : beta, n, pause),
                ),
              ),
            );
            expectOwnRedaction(out.records(), plan.length);
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      runtime.uninstall();
    }
  });

  it('two middlewares with different maxRecordBytes: each limit holds for its own requests only', async () => {
    const out = captureLines();
    const big = 'x'.repeat(20_000);
    const build = (maxRecordBytes?: number) =>
      middy(async () => {
        logger.info('handler_line', { big });
        return { statusCode: 200 };
      }).use(requestLogging({ maxRecordBytes }));
    const small = build(4096);
    const large = build();

    await small(httpApiEvent(), lambdaContext());
    await large(httpApiEvent(), lambdaContext());
    await small(httpApiEvent(), lambdaContext());

    const sizes = out.lines
      .filter((line) => line.includes('"handler_line"'))
      .map((line) => [Buffer.byteLength(line) <= 4096, line.includes('"truncated":true')]);
    expect(sizes).toEqual([
      [true, true],
      [false, false],
      [true, true],
    ]);
  });
});
