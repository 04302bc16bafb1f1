/**
 * The benchmark child. Bundled by esbuild and run with the Node binary of the orchestrator, one fresh process per
 * (variant, sink, round), so that JIT state, heap and module caches never leak from one variant into another.
 * Its stdout is the sink under test (a file or /dev/null); its result goes to fd 3.
 */
import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Context } from 'aws-lambda';
import { makeContext, makeEvent } from './http-api-event';
import { type ColdJob, type Job, RESULT_FD, type Result, type WarmJob } from './protocol';
import { median, quantile } from './stats';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const load = createRequire(__filename);
const loadHandler = (path: string): Handler => (load(path) as { handler: Handler }).handler;

const statusOf = (result: unknown): unknown =>
  typeof result === 'object' && result !== null ? (result as { statusCode?: unknown }).statusCode : result;

/** Size of stdout so far when it is a regular file, so the orchestrator can skip warm-up lines. */
const stdoutOffset = (): number => {
  const stat = fstatSync(1);
  return stat.isFile() ? stat.size : -1;
};

/** The Lambda runtime sets a new X-Ray trace id per invocation; so does every call here (outside the timing). */
const setTraceId = (i: number): void => {
  process.env._X_AMZN_TRACE_ID = `Root=1-66705bc7-${i.toString(16).padStart(24, '0')};Parent=53995c3f42cd8ad8;Sampled=0`;
};

const runCold = async (job: ColdJob): Promise<Result> => {
  setTraceId(0);
  const t0 = performance.now();
  const handler = loadHandler(job.handlerPath);
  const t1 = performance.now();
  await handler(makeEvent(0), makeContext(0));
  const t2 = performance.now();
  return { mode: 'cold', importInitMs: t1 - t0, firstInvokeMs: t2 - t1 };
};

const runWarm = async (job: WarmJob): Promise<Result> => {
  const handler = loadHandler(job.handlerPath);
  let last: unknown;
  for (let i = 0; i < job.warmup; i++) {
    setTraceId(i);
    last = await handler(makeEvent(i), makeContext(i));
  }
  const measuredFromByte = stdoutOffset();
  const timings = new Float64Array(job.calls);
  const loopStart = process.hrtime.bigint();
  for (let i = 0; i < job.calls; i++) {
    const n = job.warmup + i;
    // Event and context are built outside the timed region: only the handler call is measured.
    const event = makeEvent(n);
    const context = makeContext(n);
    setTraceId(n);
    const t0 = process.hrtime.bigint();
    last = await handler(event, context);
    timings[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const loopUs = Number(process.hrtime.bigint() - loopStart) / 1000;
  return {
    mode: 'warm',
    medianUs: median(timings),
    p90Us: quantile(timings, 0.9),
    p99Us: quantile(timings, 0.99),
    meanUs: loopUs / job.calls,
    measuredFromByte,
    statusCode: statusOf(last),
  };
};

const main = async (): Promise<void> => {
  const job = JSON.parse(process.argv[2]) as Job;
  if (job.mode === 'size-guard') throw new Error('size-guard jobs run in size-guard-worker');
  const result = job.mode === 'cold' ? await runCold(job) : await runWarm(job);
  writeSync(RESULT_FD, JSON.stringify(result));
};

void main();
