import type { FunctionModel } from '../cloud-assembly';
import type { CapturedLine, InstanceSpec } from './function-instance';
import { FunctionPool } from './function-pool';
import { type LogRecord, normalizeLine, passesLogLevel } from './log-records';

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
