/**
 * Messages between the runtime and a function worker (one child process = one Lambda instance). Only plain
 * JSON crosses the IPC channel, as only JSON crosses Lambda's invoke API.
 */

export interface InvokeMessage {
  readonly type: 'invoke';
  readonly requestId: string;
  readonly event: unknown;
  /** Epoch ms when the function's timeout expires; `getRemainingTimeInMillis` counts down to it. */
  readonly deadline: number;
  readonly traceId: string;
}

export interface LambdaError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly stackTrace: readonly string[];
}

export type WorkerMessage =
  | { readonly type: 'ready'; readonly initDurationMs: number }
  | { readonly type: 'init-error'; readonly error: LambdaError }
  | { readonly type: 'result'; readonly requestId: string; readonly value: unknown }
  | { readonly type: 'error'; readonly requestId: string; readonly error: LambdaError };

/**
 * Written to stdout after each invocation. The runtime waits for it before answering, so every line the
 * handler printed is attributed to its request and stored before the HTTP response leaves.
 */
export const endMarker = (requestId: string): string => `\u001ecream-invocation-end:${requestId}`;
export const EndMarkerPrefix = '\u001ecream-invocation-end:';

/** Variables the worker reads to find its handler; everything else in its environment is the function's. */
export const WorkerEnv = {
  handlerFile: 'CREAM_HANDLER_FILE',
  handlerExport: 'CREAM_HANDLER_EXPORT',
} as const;
