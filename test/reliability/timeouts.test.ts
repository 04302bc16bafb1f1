import { requestLogging } from '@cream/logging';
import middy from '@middy/core';
import fc from 'fast-check';
import { type CapturedOutput, captureOutput } from './support/captured-output';
import { httpApiEvent } from './support/http-api-event';
import { lambdaContext } from './support/lambda-context';

const timeouts = 200;

/** A handler that never returns, as one stuck on a dead socket; the promise holds no timer of its own. */
const hang = (): Promise<never> => new Promise<never>(() => undefined);

/** Waits for the real clock: the point is to race Lambda's deadline, so no fake timers. */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a timed-out request is never silent', () => {
  let out: CapturedOutput;
  beforeEach(() => {
    out = captureOutput();
  });
  afterEach(() => out.stop());

  const expectTimeoutRecords = (deadlines: readonly number[]): void => {
    const records = out.records();
    deadlines.forEach((deadline, i) => {
      const index = records.findIndex((r) => r.message === 'request_timeout' && r.path === `/slow/${i}`);
      if (index < 0) throw new Error(`invocation ${i} (deadline in ${deadline} ms) left no request_timeout`);
      expect(out.writtenAt[index]).toBeLessThan(deadline);
      expect(records[index]?.level).toBe('ERROR');
    });
  };

  it(`every one of ${timeouts} hanging invocations (deadlines 150-600 ms) writes request_timeout before its deadline`, async () => {
    const remaining = fc.sample(fc.integer({ min: 150, max: 600 }), { numRuns: timeouts, seed: 42 });
    const handler = middy(hang).use(requestLogging());

    const deadlines = remaining.map((ms, i) => {
      const context = lambdaContext(`req-timeout-${i}`, ms);
      handler(httpApiEvent({ path: `/slow/${i}` }), context).catch(() => undefined);
      return context.deadline;
    });
    await sleep(Math.max(...remaining) + 50);

    expectTimeoutRecords(deadlines);
    process.stdout.write(
      `timeouts: ${timeouts} hanging invocations, ${timeouts} request_timeout records before deadline\n`,
    );
  });

  it('with Middy early timeout (timeoutEarlyInMillis 50), every invocation still writes request_timeout before its deadline', async () => {
    const remaining = fc.sample(fc.integer({ min: 150, max: 400 }), { numRuns: 50, seed: 7 });
    const handler = middy(hang, { timeoutEarlyInMillis: 50 }).use(requestLogging());

    const deadlines = remaining.map((ms, i) => {
      const context = lambdaContext(`req-early-${i}`, ms);
      handler(httpApiEvent({ path: `/slow/${i}` }), context).catch(() => undefined);
      return context.deadline;
    });
    await sleep(Math.max(...remaining) + 50);

    expectTimeoutRecords(deadlines);
  });

  it('a context with less time left than the margin (20-99 ms) still leaves request_timeout before the deadline', async () => {
    const remaining = fc.sample(fc.integer({ min: 20, max: 99 }), { numRuns: 30, seed: 3 });
    const handler = middy(hang).use(requestLogging());

    const deadlines = remaining.map((ms, i) => {
      const context = lambdaContext(`req-short-${i}`, ms);
      handler(httpApiEvent({ path: `/slow/${i}` }), context).catch(() => undefined);
      return context.deadline;
    });
    await sleep(Math.max(...remaining) + 50);

    expectTimeoutRecords(deadlines);
  });
});
