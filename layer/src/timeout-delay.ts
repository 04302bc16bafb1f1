/**
 * When the middleware writes `request_timeout`: `margin` before Lambda's deadline, or, when less time than
 * the margin is left, halfway to the deadline, so even a request started with 30 ms to go leaves its record.
 * No timer without a known deadline (a context without `getRemainingTimeInMillis`, or none left).
 */

interface ContextLike {
  readonly getRemainingTimeInMillis?: unknown;
}

/** Milliseconds left before the deadline the context reports; 0 when it reports none. */
export const remainingTime = (context: ContextLike | undefined): number => {
  try {
    const read = context?.getRemainingTimeInMillis;
    const remaining = typeof read === 'function' ? Number(read.call(context)) : 0;
    return Number.isFinite(remaining) ? remaining : 0;
  } catch {
    return 0;
  }
};

/** Milliseconds from now to the `request_timeout` record, or undefined when there is no deadline. */
export const timeoutDelay = (remainingMs: number, marginMs: number): number | undefined => {
  if (!(remainingMs > 0)) return undefined;
  return remainingMs > marginMs ? remainingMs - marginMs : Math.floor(remainingMs / 2);
};
