/** The statistics CloudWatch computes over one period's samples. */
export type SimpleStatistic = 'SampleCount' | 'Sum' | 'Average' | 'Minimum' | 'Maximum';

const percentilePattern = /^p(\d{1,2}(?:\.\d+)?|100)$/i;

/** `p99`, `p99.9` (CloudWatch's extended statistics) → 99, 99.9; undefined for anything else. */
export const percentileOf = (statistic: string): number | undefined => {
  const match = statistic.match(percentilePattern);
  return match ? Number(match[1]) : undefined;
};

export const isSupportedStatistic = (statistic: string): boolean =>
  ['SampleCount', 'Sum', 'Average', 'Minimum', 'Maximum'].includes(statistic) ||
  percentileOf(statistic) !== undefined;

/**
 * Nearest-rank percentile: the smallest sample such that at least p% of samples are at or below it.
 * CloudWatch computes percentiles from raw values when it has them (metric filters and EMF publish raw
 * values) and from a histogram approximation otherwise; with few samples nearest-rank is what it reports.
 */
const percentile = (sorted: readonly number[], p: number): number => {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
};

/** The statistic over one period's values; undefined when the period has no samples (missing data). */
export const computeStatistic = (values: readonly number[], statistic: string): number | undefined => {
  if (values.length === 0) return undefined;
  switch (statistic) {
    case 'SampleCount':
      return values.length;
    case 'Sum':
      return values.reduce((total, value) => total + value, 0);
    case 'Average':
      return values.reduce((total, value) => total + value, 0) / values.length;
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
    default: {
      const p = percentileOf(statistic);
      if (p === undefined) throw new Error(`Unsupported statistic ${statistic}`);
      return percentile(
        [...values].sort((a, b) => a - b),
        p,
      );
    }
  }
};
