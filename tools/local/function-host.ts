import { randomBytes, randomUUID } from 'node:crypto';
import type { FunctionModel } from '../cloud-assembly';
import {
  type InvocationOutcome,
  lambdaDatapoints,
  type MetricDatum,
  platformReport,
  platformStart,
  writesPlatformRecords,
} from '../monitoring';
import type { CapturedLine, InstanceSpec } from './function-instance';
import { FunctionPool, type Invocation } from './function-pool';
import { type LogRecord, normalizeLine, passesLogLevel, timeoutRecord } from './log-records';

/** An X-Ray trace header as Lambda passes it in `_X_AMZN_TRACE_ID`. */
const traceHeader = (now: number): string =>
  `Root=1-${Math.floor(now / 1000).toString(16)}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`;

/**
 * All functions of the stack, each with its pool of instances, and the path every printed line takes:
 * normalized to one JSON record (Lambda's JSON log format), filtered by the function's application log level
 * (Advanced Logging Controls), then handed to `onRecord` (store, console, monitoring).
 */
export class FunctionHost {
  private readonly pools = new Map<string, FunctionPool>();
  private readonly models = new Map<string, FunctionModel>();

  constructor(
    functions: readonly FunctionModel[],
    specOf: (fn: FunctionModel) => InstanceSpec,
    private readonly onRecord: (record: LogRecord) => void,
    /** What AWS/Lambda publishes about each invocation (Invocations, Errors, Duration). */
    private readonly onPlatform: (data: MetricDatum[]) => void = () => undefined,
  ) {
    for (const fn of functions) {
      if (!fn.codeAssetPath) continue;
      this.models.set(fn.functionName, fn);
      this.pools.set(fn.functionName, new FunctionPool(specOf(fn), (captured) => this.capture(fn, captured)));
    }
  }

  pool(functionName: string): FunctionPool | undefined {
    return this.pools.get(functionName);
  }

  model(functionName: string): FunctionModel | undefined {
    return this.models.get(functionName);
  }

  /**
   * One invocation the way Lambda's Invoke API runs it, whoever the caller (the HTTP API, a schedule): a fresh
   * request id and trace header, the function's pool, Lambda's own records around it (platform.start and
   * platform.report at a system log level of INFO; a timeout's report always) and its AWS/Lambda metrics.
   * Undefined when the function has no local code.
   */
  async invoke(
    functionName: string,
    event: unknown,
    now = Date.now(),
  ): Promise<(Invocation & { readonly requestId: string }) | undefined> {
    const pool = this.pools.get(functionName);
    const fn = this.models.get(functionName);
    if (!pool || !fn) return undefined;
    const requestId = randomUUID();
    const platform = writesPlatformRecords(fn);
    const invocation = await pool.invoke(event, requestId, traceHeader(now), (logStreamName) => {
      if (platform) this.emit(functionName, logStreamName, platformStart(requestId, Date.now()));
    });
    const { outcome } = invocation;
    const status: InvocationOutcome =
      outcome.kind === 'result' ? 'success' : outcome.kind === 'timeout' ? 'timeout' : 'error';
    const durationMs = status === 'timeout' ? pool.timeoutMs : invocation.durationMs;
    const end = Date.now();
    if (status === 'timeout') {
      this.emit(
        functionName,
        invocation.logStreamName,
        timeoutRecord(requestId, pool.timeoutMs, fn.memoryMb, end),
      );
    } else if (platform) {
      const report = { requestId, timeMs: end, durationMs, memorySizeMB: fn.memoryMb, status };
      this.emit(
        functionName,
        invocation.logStreamName,
        platformReport({ ...report, initDurationMs: invocation.initDurationMs }),
      );
    }
    this.onPlatform(lambdaDatapoints({ functionName, timestampMs: now, durationMs, outcome: status }));
    return { ...invocation, requestId };
  }

  /** Records the runtime itself writes for a function (timeouts), through the same path as printed lines. */
  emit(
    functionName: string,
    logStreamName: string,
    record: Record<string, unknown>,
    time = Date.now(),
  ): void {
    const fn = this.models.get(functionName);
    if (fn) this.deliver(fn, logStreamName, JSON.stringify(record), undefined, time);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.stop()));
  }

  private capture(fn: FunctionModel, captured: CapturedLine): void {
    this.deliver(fn, captured.logStreamName, captured.line, captured.requestId, captured.time);
  }

  private deliver(
    fn: FunctionModel,
    logStreamName: string,
    raw: string,
    requestId: string | undefined,
    time: number,
  ) {
    const { line, record, time: eventTime } = normalizeLine(raw, requestId, time);
    const level = fn.logFormat === 'JSON' ? fn.applicationLogLevel : undefined;
    if (!passesLogLevel(record, level)) return;
    this.onRecord({
      logGroupName: fn.logGroupName,
      logStreamName,
      functionName: fn.functionName,
      line,
      record,
      time: eventTime,
    });
  }
}
