/**
 * What the orchestrator tells a worker child (as argv[2], JSON) and what the child reports back on file
 * descriptor 3. stdout is left to the handler under test, so results never mix with log lines.
 */
export interface WarmJob {
  readonly mode: 'warm';
  readonly handlerPath: string;
  readonly warmup: number;
  readonly calls: number;
}

export interface ColdJob {
  readonly mode: 'cold';
  readonly handlerPath: string;
}

export type Job = WarmJob | ColdJob;

export interface WarmResult {
  readonly mode: 'warm';
  /** Median per-call time of the measured calls, microseconds. */
  readonly medianUs: number;
  readonly p90Us: number;
  readonly p99Us: number;
  /** Wall time of the measured loop divided by calls (includes event/context construction), microseconds. */
  readonly meanUs: number;
  /** stdout byte offset when the measured phase began (file sink only; -1 otherwise). */
  readonly measuredFromByte: number;
  readonly statusCode: unknown;
}

export interface ColdResult {
  readonly mode: 'cold';
  /** require() of the bundle: module loading plus its top-level init, milliseconds. */
  readonly importInitMs: number;
  /** The first invocation, milliseconds. */
  readonly firstInvokeMs: number;
}

export type Result = WarmResult | ColdResult;

/** The file descriptor the child writes its result to. */
export const RESULT_FD = 3;
