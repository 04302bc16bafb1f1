/**
 * No request is silent, even one Lambda is about to kill: the deadline logic runs on jest's fake clock (timers,
 * Date and hrtime), so hundreds of hanging invocations are checked to the millisecond without racing the real
 * clock; one small real-clock smoke test bounds lateness by the event-loop delay it measured while it ran.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { requestLogging } from '@cream/logging';
import middy from '@middy/core';
import fc from 'fast-check';
import { type CapturedOutput, captureOutput } from './support/captured-output';
import { httpApiEvent } from './support/http-api-event';
import { lambdaContext } from './support/lambda-context';

// Middy's early timeout takes setTimeout from node:timers, which jest's fake timers do not replace: route it to
// the global (faked) functions so every timer of the run is on one clock.
jest.mock('node:timers', () => {
  const actual = jest.requireActual<typeof import('node:timers')>('node:timers');
  return {
    ...actual,
    setTimeout: (...args: Parameters<typeof setTimeout>) => globalThis.setTimeout(...args),
    clearTimeout: (timer: Parameters<typeof clearTimeout>[0]) => globalThis.clearTimeout(timer),
  };
});

const margin = 100;

/** A handler that never returns, as one stuck on a dead socket; the promise holds no timer of its own. */
const hang = (): Promise<never> => new Promise<never>(() => undefined);

interface Invocation {
  readonly path: string;
  readonly deadline: number;
  readonly remaining: number;
}

type Handler = (
  event: ReturnType<typeof httpApiEvent>,
  context: ReturnType<typeof lambdaContext>,
) => Promise<unknown>;

/** Starts one hanging invocation per remaining time; their promises are left pending (or rejected) on purpose. */
const invokeAll = (handler: Handler, remaining: readonly number[], tag: string): Invocation[] =>
  remaining.map((ms, i) => {
    const context = lambdaContext(`${tag}-${i}`, ms);
    const path = `/slow/${tag}/${i}`;
    handler(httpApiEvent({ path }), context).catch(() => undefined);
    return { path, deadline: context.deadline, remaining: ms };
  });

/** The one request_timeout of `invocation` and when it was written; throws if there is none or more than one. */
const timeoutOf = (out: CapturedOutput, invocation: Invocation) => {
  const records = out.records();
  const found = records.flatMap((record, index) =>
    record.message === 'request_timeout' && record.path === invocation.path
      ? [{ record, at: out.writtenAt[index] }]
      : [],
  );
  if (found.length !== 1) throw new Error(`${invocation.path} wrote ${found.length} request_timeout records`);
  return found[0] as { record: Record<string, unknown>; at: number };
};

describe('a timed-out request is never silent (fake clock)', () => {
  let out: CapturedOutput;
  beforeEach(() => {
    jest.useFakeTimers();
    out = captureOutput();
  });
  afterEach(() => {
    out.stop();
    jest.useRealTimers();
  });

  it('each of 200 hanging invocations (150-600 ms left) writes request_timeout exactly the margin before its deadline', async () => {
    const remaining = fc.sample(fc.integer({ min: 150, max: 600 }), { numRuns: 200, seed: 42 });
    const invocations = invokeAll(middy(hang).use(requestLogging()), remaining, 'margin');

    await jest.advanceTimersByTimeAsync(Math.max(...remaining) + 50);

    for (const invocation of invocations) {
      const { record, at } = timeoutOf(out, invocation);
      expect(at).toBe(invocation.deadline - margin);
      expect(record).toMatchObject({
        level: 'ERROR',
        remaining_ms: margin,
        duration_ms: invocation.remaining - margin,
        RequestLatency: invocation.remaining - margin,
      });
    }
    process.stdout.write('timeouts: 200 hanging invocations, each request_timeout at deadline - margin\n');
  });

  it.each([
    ['earlier than the margin', 50, (left: number) => left - margin],
    ['later than the margin', 150, (left: number) => left - 150],
  ])(
    "with Middy's early timeout %s, each invocation writes one request_timeout, from whichever fires first",
    async (_when, early, writtenAfter) => {
      const remaining = fc.sample(fc.integer({ min: 200, max: 400 }), { numRuns: 50, seed: 7 });
      const invocations = invokeAll(
        middy(hang, { timeoutEarlyInMillis: early }).use(requestLogging()),
        remaining,
        `early-${early}`,
      );

      await jest.advanceTimersByTimeAsync(Math.max(...remaining) + 50);

      for (const invocation of invocations) {
        const { record, at } = timeoutOf(out, invocation);
        expect(at - (invocation.deadline - invocation.remaining)).toBe(writtenAfter(invocation.remaining));
        expect(record.remaining_ms).toBe(invocation.deadline - at);
      }
    },
  );

  it('each of 30 invocations with less time left than the margin (20-100 ms) writes request_timeout halfway to its deadline', async () => {
    const remaining = fc.sample(fc.integer({ min: 20, max: 100 }), { numRuns: 30, seed: 3 });
    const invocations = invokeAll(middy(hang).use(requestLogging()), remaining, 'short');

    await jest.advanceTimersByTimeAsync(Math.max(...remaining) + 50);

    for (const invocation of invocations) {
      const { at } = timeoutOf(out, invocation);
      expect(at).toBe(invocation.deadline - invocation.remaining + Math.floor(invocation.remaining / 2));
      expect(at).toBeLessThan(invocation.deadline);
    }
  });
});

describe('a timed-out request is never silent (real clock smoke test)', () => {
  it('10 hanging invocations write request_timeout no later than the margin before the deadline plus the event-loop delay measured meanwhile', async () => {
    const out = captureOutput();
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    try {
      const remaining = fc.sample(fc.integer({ min: 150, max: 300 }), { numRuns: 10, seed: 11 });
      const invocations = invokeAll(middy(hang).use(requestLogging()), remaining, 'real');
      // waits for the state it needs: every timeout record, whatever the machine's load
      while (
        out.records().filter((record) => record.message === 'request_timeout').length < invocations.length
      )
        await new Promise((resolve) => setTimeout(resolve, 20));
      delay.disable();

      // the loop may have been blocked (or the process descheduled) when a timer was due: that much late is fair
      const toleranceMs = delay.max / 1e6 + 10;
      for (const invocation of invocations) {
        const { at } = timeoutOf(out, invocation);
        expect(at - (invocation.deadline - margin)).toBeLessThanOrEqual(toleranceMs);
      }
    } finally {
      delay.disable();
      out.stop();
    }
  });
});
