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

/** Times the size guard on oversized logged objects (`size-guard-worker.ts`). */
export interface SizeGuardJob {
  readonly mode: 'size-guard';
  readonly repeats: number;
}

export type Job = WarmJob | ColdJob | SizeGuardJob;

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

export interface SizeGuardShapeResult {
  readonly shape: string;
  /** Size of the logged object as JSON. */
  readonly inputBytes: number;
  /** Median of `guardSize` alone on the walked record, milliseconds. */
  readonly guardMs: number;
  /** Median of `logger.info(shape, object)` through the built layer (walk, redaction, guard, write), milliseconds. */
  readonly endToEndMs: number;
  /** The line `logger.info` wrote: bytes, and whether it parsed as one JSON object marked truncated. */
  readonly lineBytes: number;
  readonly valid: boolean;
}

export interface SizeGuardResult {
  readonly mode: 'size-guard';
  readonly shapes: readonly SizeGuardShapeResult[];
}

export type Result = WarmResult | ColdResult | SizeGuardResult;

/** The file descriptor the child writes its result to. */
export const RESULT_FD = 3;
