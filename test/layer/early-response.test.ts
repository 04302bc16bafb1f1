import { requestLogging, setLogSink } from '@cream/logging';
import middy, { type MiddlewareObj } from '@middy/core';
import fc from 'fast-check';
import { captureLines, httpApiEvent, lambdaContext } from './helpers';

/**
 * Middy runs no `after` or `onError` of any middleware once a later one answers early. The request must still
 * end with exactly one final record, its correlation header, and no timer that writes `request_timeout` later.
 */

type EarlyIn = 'before' | 'after' | 'onError' | 'nowhere';

interface Chain {
  /** Middlewares used after requestLogging; `answering` is the index of the one that answers early. */
  readonly length: number;
  readonly answering: number;
  readonly earlyIn: EarlyIn;
  readonly handlerThrows: boolean;
  readonly status: number;
  readonly correlationId: string;
}

const answer = (status: number) => ({ statusCode: status, body: '{"early":true}' });

/** A middleware that answers in `phase` when it is the answering one, else does nothing (a pass-through). */
const middleware = (answers: boolean, phase: EarlyIn, status: number): MiddlewareObj => ({
  before: () => (answers && phase === 'before' ? answer(status) : undefined),
  after: () => (answers && phase === 'after' ? answer(status) : undefined),
  onError: () => (answers && phase === 'onError' ? answer(status) : undefined),
});

const chains = fc.record<Chain>({
  length: fc.integer({ min: 1, max: 4 }),
  answering: fc.nat({ max: 3 }),
  earlyIn: fc.constantFrom<EarlyIn>('before', 'after', 'onError', 'nowhere'),
  handlerThrows: fc.boolean(),
  status: fc.constantFrom(200, 204, 304, 401, 429, 500, 503),
  correlationId: fc.uuid(),
});

const deadlineMs = 1_000;

describe('requestLogging when a later middleware answers early', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    setLogSink(undefined);
  });

  const invoke = async (chain: Chain) => {
    let handlerCalls = 0;
    const handler = middy(
      async () => {
        handlerCalls += 1;
        if (chain.handlerThrows) throw new Error('handler failed');
        return { statusCode: 200, body: '{"handler":true}' };
      },
      { timeoutEarlyInMillis: 0 },
    ).use(requestLogging({ timeoutMarginMs: 100 }));
    const answering = chain.answering % chain.length;
    for (let i = 0; i < chain.length; i += 1)
      handler.use(middleware(i === answering, chain.earlyIn, chain.status));
    const deadline = Date.now() + deadlineMs;
    const context = lambdaContext({ getRemainingTimeInMillis: () => deadline - Date.now() });
    const event = httpApiEvent({
      headers: { 'user-agent': 'jest', 'x-correlation-id': chain.correlationId },
    });
    const outcome = await handler(event, context).then(
      (response) => ({ response, error: undefined }),
      (error: unknown) => ({ response: undefined, error }),
    );
    return { ...outcome, handlerCalls };
  };

  it('ends every request with exactly one final record, its status and correlation id, and no late timeout', async () => {
    await fc.assert(
      fc.asyncProperty(chains, async (chain) => {
        const out = captureLines();
        const { response, error, handlerCalls } = await invoke(chain);
        // past the deadline: a timer left armed would write request_timeout now
        await jest.advanceTimersByTimeAsync(deadlineMs * 2);

        const finals = out.records().filter((record) => String(record.message).startsWith('request_'));
        expect(finals).toHaveLength(1);
        const [final] = finals;
        expect(final.correlation_id).toBe(chain.correlationId);
        const answered =
          chain.earlyIn === 'before' ||
          (chain.earlyIn === 'after' && !chain.handlerThrows) ||
          (chain.earlyIn === 'onError' && chain.handlerThrows);
        expect(handlerCalls).toBe(chain.earlyIn === 'before' ? 0 : 1);
        if (answered) {
          expect(response).toEqual({
            ...answer(chain.status),
            headers: { 'x-correlation-id': chain.correlationId },
          });
          expect(final.status_code).toBe(chain.status);
        }
        if (chain.handlerThrows && chain.earlyIn !== 'before') {
          expect(final.message).toBe('request_failed');
          expect(final.error).toMatchObject({ message: 'handler failed' });
          // nobody answered the error: Middy rethrows it, as without the early answers
          if (!answered) expect(error).toMatchObject({ message: 'handler failed' });
        } else {
          expect(final.message).toBe('request_completed');
          expect(error).toBeUndefined();
        }
        out.clear();
      }),
      { numRuns: 200 },
    );
  });

  it('keeps nothing of an early-answered request in the next one', async () => {
    const out = captureLines();
    const early: Chain = {
      length: 1,
      answering: 0,
      earlyIn: 'before',
      handlerThrows: false,
      status: 304,
      correlationId: 'first-request',
    };
    await invoke(early);
    await invoke({ ...early, earlyIn: 'nowhere', correlationId: 'second-request' });
    await jest.advanceTimersByTimeAsync(deadlineMs * 2);

    expect(
      out.records().map((record) => [record.message, record.correlation_id, record.status_code]),
    ).toEqual([
      ['request_completed', 'first-request', 304],
      ['request_completed', 'second-request', 200],
    ]);
  });

  it('cannot see a middleware used before it: that one answers before the request is opened', async () => {
    // the documented rule (README): use requestLogging first
    const out = captureLines();
    const handler = middy(async () => ({ statusCode: 200 }))
      .use(middleware(true, 'before', 204))
      .use(requestLogging());
    const response = await handler(httpApiEvent(), lambdaContext());
    expect(response).toEqual(answer(204));
    expect(out.lines).toEqual([]);
  });
});
