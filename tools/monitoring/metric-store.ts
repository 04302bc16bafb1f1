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

/** In-memory metric storage: raw samples per metric, statistics computed per period on demand. */
export class MetricStore {
  private readonly series = new Map<string, MetricSeries>();

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
    series.data.push(datum);
  }

  /** Samples of exactly this metric (same dimension set) with `fromMs <= timestamp < toMs`. */
  values(metric: MetricIdentity, fromMs: number, toMs: number): number[] {
    const data = this.series.get(metricKey(metric))?.data ?? [];
    return data
      .filter((datum) => datum.timestampMs >= fromMs && datum.timestampMs < toMs)
      .map((d) => d.value);
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
      if (kept.length === 0) this.series.delete(key);
      else series.data.splice(0, series.data.length, ...kept);
    }
  }
}
