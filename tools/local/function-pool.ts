import type { CapturedLine, InstanceSpec, InvokeOutcome } from './function-instance';
import { FunctionInstance } from './function-instance';

/** What one invocation did, for the response and the console. */
export interface Invocation {
  /** The Lambda request id (`context.awsRequestId`): the key of every record the invocation wrote. */
  readonly requestId: string;
  readonly outcome: InvokeOutcome;
  readonly coldStart: boolean;
  readonly initDurationMs?: number;
  readonly durationMs: number;
  readonly logStreamName: string;
}

/**
 * The instances of one function, scaled like Lambda: a warm idle instance serves the next invocation;
 * when all are busy (concurrent requests) a new one starts cold. A timed-out or crashed instance is dropped.
 * `replace` deploys new code the way a Lambda update does: invocations in flight finish on the old code,
 * every later one starts a fresh (cold) instance of the new.
 */
export class FunctionPool {
  private readonly idle: FunctionInstance[] = [];
  private readonly all = new Set<FunctionInstance>();
  /** Instances of an older spec, stopped when their current invocation ends. */
  private readonly retired = new WeakSet<FunctionInstance>();

  constructor(
    private spec: InstanceSpec,
    private readonly onLine: (captured: CapturedLine) => void,
  ) {}

  get functionName(): string {
    return this.spec.functionName;
  }

  get timeoutMs(): number {
    return this.spec.timeoutMs;
  }

  /** `onStart` runs once the instance is ready, right before the event is handed to it (Lambda's START). */
  async invoke(
    event: unknown,
    requestId: string,
    traceId: string,
    onStart?: (logStreamName: string) => void,
  ): Promise<Invocation> {
    let instance = this.takeIdle();
    const coldStart = instance === undefined;
    let initDurationMs: number | undefined;
    if (!instance) {
      instance = new FunctionInstance(this.spec, this.onLine);
      this.all.add(instance);
      try {
        initDurationMs = await instance.start();
      } catch (error) {
        this.all.delete(instance);
        const value = error instanceof Error ? error : new Error(String(error));
        const outcome: InvokeOutcome = {
          kind: 'crash',
          error: { errorType: value.name, errorMessage: value.message, stackTrace: [] },
        };
        return { requestId, outcome, coldStart, durationMs: 0, logStreamName: instance.logStreamName };
      }
    }
    onStart?.(instance.logStreamName);
    const started = performance.now();
    const outcome = await instance.invoke(event, requestId, traceId);
    const durationMs = performance.now() - started;
    if (instance.isAlive && !this.retired.has(instance)) this.idle.push(instance);
    else {
      this.all.delete(instance);
      instance.kill();
    }
    const { logStreamName } = instance;
    return { requestId, outcome, coldStart, initDurationMs, durationMs, logStreamName };
  }

  /** New code or configuration: idle instances stop now, busy ones after their invocation. */
  async replace(spec: InstanceSpec): Promise<void> {
    this.spec = spec;
    for (const instance of this.all) this.retired.add(instance);
    const idle = this.idle.splice(0);
    for (const instance of idle) this.all.delete(instance);
    await Promise.all(idle.map((instance) => instance.stop()));
  }

  /** Synchronous last resort for an exiting process: SIGKILL every instance, wait for nothing. */
  killAll(): void {
    for (const instance of this.all) instance.kill();
  }

  /** Stops every instance and waits for the processes to exit. */
  async stop(): Promise<void> {
    this.idle.length = 0;
    await Promise.all([...this.all].map((instance) => instance.stop()));
    this.all.clear();
  }

  private takeIdle(): FunctionInstance | undefined {
    while (this.idle.length > 0) {
      const instance = this.idle.pop();
      if (instance?.isAlive) return instance;
      if (instance) this.all.delete(instance);
    }
    return undefined;
  }
}
