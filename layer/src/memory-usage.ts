/**
 * Memory on the request's final record, where it helps an operator: on the cold start (what the instance holds
 * after init, the baseline) and on a request that finds the process's resident memory above a share of the
 * function's configured memory (`AWS_LAMBDA_FUNCTION_MEMORY_SIZE`), the warning before Lambda kills an instance
 * for running out of it. Fields on the record the request writes anyway, not a record of their own: a request
 * stays one line.
 *
 * Reading the resident set size is a system call costing about 10 us here, more than the whole middleware's
 * warm overhead: it is read at most once a second per middleware, and the per-request cost is comparing the
 * request's start time (already taken) with the next reading's.
 */

export interface ResourceUsageOptions {
  /** Share of the configured memory (0..1] above which a request's record carries the memory fields. @default 0.8 */
  readonly memoryThreshold?: number;
}

export interface MemoryFields {
  readonly memory_used_mb: number;
  readonly heap_used_mb: number;
  readonly memory_limit_mb?: number;
  readonly memory_share?: number;
}

const defaultThreshold = 0.8;
/** At most one reading per this many nanoseconds (1 s). */
const readingInterval = 1_000_000_000n;
const mb = 1024 * 1024;

const configuredMb = (): number | undefined => {
  const value = Number(process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
  return Number.isFinite(value) && value > 0 ? value : undefined;
};

/**
 * A per-middleware sampler: given a request's start (`process.hrtime.bigint()`) and whether it is the cold
 * start, the memory fields its record carries, or undefined. Throws a `TypeError` for a threshold that is not a
 * number above 0, when the middleware is created.
 */
export const memorySampler = (options: ResourceUsageOptions = {}) => {
  const threshold = options.memoryThreshold ?? defaultThreshold;
  if (typeof threshold !== 'number' || !(threshold > 0)) {
    throw new TypeError(
      `resourceUsage.memoryThreshold: expected a share of memory above 0, got ${String(threshold)}`,
    );
  }
  const limitMb = configuredMb();
  let nextReading = 0n;

  return (started: bigint, coldStart: boolean): MemoryFields | undefined => {
    // without a configured size there is no share to watch: only the cold start's baseline
    if (!coldStart && (limitMb === undefined || started < nextReading)) return undefined;
    nextReading = started + readingInterval;
    const { rss, heapUsed } = process.memoryUsage();
    const share = limitMb === undefined ? undefined : rss / mb / limitMb;
    if (!coldStart && (share === undefined || share < threshold)) return undefined;
    return {
      memory_used_mb: Math.round((rss / mb) * 10) / 10,
      heap_used_mb: Math.round((heapUsed / mb) * 10) / 10,
      memory_limit_mb: limitMb,
      memory_share: share === undefined ? undefined : Math.round(share * 1000) / 1000,
    };
  };
};
