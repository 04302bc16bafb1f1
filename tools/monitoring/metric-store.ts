import { computeStatistic } from './statistics';
import type { MetricDatum, MetricIdentity } from './types';

/** `namespace|name|{"a":"1"}` with sorted dimension keys: the identity CloudWatch uses. */
export const metricKey = (metric: MetricIdentity): string =>
  `${metric.namespace}|${metric.metricName}|${JSON.stringify(
    Object.fromEntries(Object.entries(metric.dimensions).sort(([a], [b]) => a.localeCompare(b))),
  )}`;

export interface MetricSeries extends MetricIdentity {
  readonly data: MetricDatum[];
}

/** The first index whose timestamp is at or after `ms` in time-sorted data. */
const firstAtOrAfter = (data: readonly MetricDatum[], ms: number): number => {
  let low = 0;
  let high = data.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (data[middle].timestampMs < ms) low = middle + 1;
    else high = middle;
  }
  return low;
};

/**
 * In-memory metric storage: raw samples per metric, statistics computed per period on demand. Each series is
 * kept sorted by time (sorted lazily, once after out-of-order puts), so a period is found by binary search.
 */
export class MetricStore {
  private readonly series = new Map<string, MetricSeries>();
  private readonly unsorted = new Set<string>();

  put(datum: MetricDatum): void {
    const key = metricKey(datum);
    let series = this.series.get(key);
    if (!series) {
      series = {
        namespace: datum.namespace,
        metricName: datum.metricName,
        dimensions: { ...datum.dimensions },
        data: [],
      };
      this.series.set(key, series);
    }
    const last = series.data[series.data.length - 1];
    if (last && last.timestampMs > datum.timestampMs) this.unsorted.add(key);
    series.data.push(datum);
  }

  /** Samples of exactly this metric (same dimension set) with `fromMs <= timestamp < toMs`. */
  values(metric: MetricIdentity, fromMs: number, toMs: number): number[] {
    const key = metricKey(metric);
    const data = this.series.get(key)?.data;
    if (!data) return [];
    if (this.unsorted.delete(key)) data.sort((a, b) => a.timestampMs - b.timestampMs);
    const values: number[] = [];
    for (let i = firstAtOrAfter(data, fromMs); i < data.length && data[i].timestampMs < toMs; i++)
      values.push(data[i].value);
    return values;
  }

  /** The statistic over one period starting at `startMs`; undefined when the period has no data. */
  statistic(
    metric: MetricIdentity,
    statistic: string,
    startMs: number,
    periodSeconds: number,
  ): number | undefined {
    return computeStatistic(this.values(metric, startMs, startMs + periodSeconds * 1000), statistic);
  }

  all(): readonly MetricSeries[] {
    return [...this.series.values()];
  }

  /** Drops samples older than `beforeMs`, so a long-running local process does not grow without bound. */
  prune(beforeMs: number): void {
    for (const [key, series] of this.series) {
      const kept = series.data.filter((datum) => datum.timestampMs >= beforeMs);
      if (kept.length === 0) {
        this.series.delete(key);
        this.unsorted.delete(key);
      } else series.data.splice(0, series.data.length, ...kept);
    }
  }
}
