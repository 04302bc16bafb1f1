/**
 * The seams between the redaction rules and the record: a `logger.*` message, a middleware's own `redactKeys`
 * on its route parameters, a caller's correlation id and the failure line. Each is a place text reaches a record
 * without passing through the field walk.
 */
import { logger, requestLogging } from '@cream/logging';
import middy from '@middy/core';
import fc from 'fast-check';
import { failureLine } from '../../layer/src/record-formatter';
import { captureLines, httpApiEvent, lambdaContext } from './helpers';

const secret = 'hunter2-Zq9';

const run = async (event: unknown, options: Parameters<typeof requestLogging>[0] = {}, body = () => {}) => {
  const capture = captureLines();
  const handler = middy(async () => {
    body();
    return { statusCode: 200, body: 'ok' };
  }).use(requestLogging(options));
  await handler(event, lambdaContext());
  return capture;
};

describe('a logger message is text like any field', () => {
  it('redacts key=value and bearer forms in the message of logger.info', async () => {
    const capture = await run(httpApiEvent(), {}, () => {
      logger.info(`retrying login password=${secret} for ada`);
      logger.warn(`upstream said Authorization: Bearer ${secret}`);
    });
    const messages = capture.records().map((record) => String(record.message));
    expect(messages.some((message) => message.startsWith('retrying login password='))).toBe(true);
    expect(capture.lines.join('\n')).not.toContain(secret);
  });

  it('keeps catalog event names and ordinary messages as written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[a-z][a-z ]{0,30}$/), async (text) => {
        const capture = await run(httpApiEvent(), {}, () => logger.info(text));
        const messages = capture.records().map((record) => record.message);
        expect(messages).toContain(text);
        expect(messages).toContain('request_completed');
      }),
      { numRuns: 50 },
    );
  });

  it('redacts what a failure line quotes', () => {
    const line = failureLine(`log of token=${secret}`, new Error(`could not write password=${secret}`));
    expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({ level: 'ERROR' });
  });
});

describe("a middleware's redactKeys reach its route parameters", () => {
  const event = httpApiEvent({
    routeKey: 'GET /orders/{orderCoupon}',
    rawPath: `/orders/${secret}`,
    requestContext: {
      ...httpApiEvent().requestContext,
      http: { ...httpApiEvent().requestContext.http, method: 'GET', path: `/orders/${secret}` },
    },
  });

  it('redacts the segment a custom secret key names', async () => {
    const capture = await run(event, { redactKeys: ['order_coupon'] });
    const [completed] = capture.byMessage('request_completed');
    expect(completed.path).not.toContain(secret);
    expect(String(completed.path)).toMatch(/^\/orders\//);
  });

  it('leaves the segment readable for a middleware without that key', async () => {
    const capture = await run(event);
    expect(capture.byMessage('request_completed')[0].path).toBe(`/orders/${secret}`);
  });
});

describe("a caller's correlation id never carries a secret", () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
  const withHeader = (id: string) =>
    httpApiEvent({ headers: { ...httpApiEvent().headers, 'x-correlation-id': id } });

  it.each([jwt, `password=${secret}`])('falls back to the gateway request id for %s', async (id) => {
    const capture = await run(withHeader(id));
    expect(capture.lines.join('\n')).not.toContain(id);
    expect(capture.byMessage('request_completed')[0].correlation_id).toBe('gateway-request-1');
  });

  it('keeps an ordinary caller id', async () => {
    const capture = await run(withHeader('order-42-retry-3'));
    expect(capture.byMessage('request_completed')[0].correlation_id).toBe('order-42-retry-3');
  });
});
