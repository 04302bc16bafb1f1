import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import readline from 'node:readline';
import type { InvokeMessage, LambdaError, WorkerMessage } from './worker-protocol';
import { EndMarkerPrefix } from './worker-protocol';

/** Everything needed to start one instance of a function. */
export interface InstanceSpec {
  readonly functionName: string;
  readonly workerScript: string;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly timeoutMs: number;
}

/** One line a function printed, with the invocation it belongs to (absent for lines printed during INIT). */
export interface CapturedLine {
  readonly line: string;
  readonly logStreamName: string;
  readonly requestId?: string;
  readonly time: number;
}

export type InvokeOutcome =
  | { readonly kind: 'result'; readonly value: unknown }
  | { readonly kind: 'error'; readonly error: LambdaError }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'crash'; readonly error: LambdaError };

/** Lambda's stream name shape: one stream per instance. */
const newStreamName = (now = new Date()): string =>
  `${now.toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${randomBytes(16).toString('hex')}`;

/** Lambda gives INIT 10 s whatever the function's own timeout. */
const InitTimeoutMs = 10_000;

const crashError = (detail: string): LambdaError => ({
  errorType: 'Runtime.ExitError',
  errorMessage: detail,
  stackTrace: [],
});

/**
 * One Lambda instance: a child process running the worker script on the project's Node (the function's
 * environment, its own stdout captured as the instance's log stream). It serves one invocation at a time and
 * dies on a timeout, so the next invocation is a cold start, as in Lambda.
 */
export class FunctionInstance {
  readonly logStreamName = newStreamName();
  private child?: ChildProcess;
  private alive = false;
  private current?: { requestId: string; ended: boolean; reply?: WorkerMessage; finish: () => void };
  /** Lines still in the pipe after a timeout kill belong to the request that timed out. */
  private lastRequestId?: string;

  constructor(
    private readonly spec: InstanceSpec,
    private readonly onLine: (captured: CapturedLine) => void,
  ) {}

  get isAlive(): boolean {
    return this.alive;
  }

  /** Starts the process and runs INIT; rejects with the init error (the instance is then dead). */
  async start(): Promise<number> {
    const child = fork(this.spec.workerScript, [], {
      cwd: this.spec.cwd,
      env: { ...this.spec.env, AWS_LAMBDA_LOG_STREAM_NAME: this.logStreamName },
      execPath: process.execPath,
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.child = child;
    this.alive = true;
    for (const stream of [child.stdout, child.stderr]) {
      if (stream)
        readline
          .createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })
          .on('line', (line) => this.handleLine(line));
    }
    child.on('message', (message: WorkerMessage) => this.handleMessage(message));
    child.on('exit', () => {
      this.alive = false;
      this.current?.finish();
    });
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.kill();
        reject(new Error(`${this.spec.functionName}: INIT did not finish within ${InitTimeoutMs} ms`));
      }, InitTimeoutMs);
      const onMessage = (message: WorkerMessage) => {
        if (message.type !== 'ready' && message.type !== 'init-error') return;
        clearTimeout(timer);
        child.off('message', onMessage);
        if (message.type === 'ready') return resolve(message.initDurationMs);
        this.kill();
        reject(Object.assign(new Error(message.error.errorMessage), { name: message.error.errorType }));
      };
      child.on('message', onMessage);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${this.spec.functionName}: worker exited during INIT (code ${code})`));
      });
    });
  }

  invoke(event: unknown, requestId: string, traceId: string): Promise<InvokeOutcome> {
    const child = this.child;
    if (!child || !this.alive)
      return Promise.resolve({ kind: 'crash', error: crashError('instance is not running') });
    if (this.current) throw new Error('FunctionInstance serves one invocation at a time');
    const deadline = Date.now() + this.spec.timeoutMs;
    return new Promise<InvokeOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.kill();
        settle({ kind: 'timeout' });
      }, this.spec.timeoutMs);
      const settle = (outcome: InvokeOutcome) => {
        clearTimeout(timer);
        this.current = undefined;
        resolve(outcome);
      };
      // Answer only when both the reply and the end marker arrived: then every line is captured.
      const finish = () => {
        const { reply, ended } = this.current ?? {};
        if (!this.alive)
          return settle({ kind: 'crash', error: crashError('worker exited during the invocation') });
        if (!reply || !ended) return;
        if (reply.type === 'result') settle({ kind: 'result', value: reply.value });
        else if (reply.type === 'error') settle({ kind: 'error', error: reply.error });
      };
      this.current = { requestId, ended: false, finish };
      this.lastRequestId = requestId;
      const message: InvokeMessage = { type: 'invoke', requestId, event, deadline, traceId };
      child.send(message);
    });
  }

  kill(): void {
    this.alive = false;
    if (this.child && this.child.exitCode === null && this.child.signalCode === null)
      this.child.kill('SIGKILL');
  }

  /** Resolves once the process is gone (used on shutdown so no worker outlives the runtime). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    this.kill();
    await exited;
  }

  private handleLine(line: string): void {
    if (line.startsWith(EndMarkerPrefix)) {
      if (this.current && line.slice(EndMarkerPrefix.length) === this.current.requestId) {
        this.current.ended = true;
        this.current.finish();
      }
      return;
    }
    if (line.trim() === '') return;
    this.onLine({
      line,
      logStreamName: this.logStreamName,
      requestId: this.current?.requestId ?? this.lastRequestId,
      time: Date.now(),
    });
  }

  private handleMessage(message: WorkerMessage): void {
    if (
      (message.type === 'result' || message.type === 'error') &&
      this.current?.requestId === message.requestId
    ) {
      this.current.reply = message;
      this.current.finish();
    }
  }
}
