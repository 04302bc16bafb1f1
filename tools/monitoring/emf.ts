import type { MetricDatum } from './types';

interface MetricDirective {
  readonly Namespace?: unknown;
  readonly Dimensions?: unknown;
  readonly Metrics?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A metric's value member: a number or an array of up to 100 numbers (each one a sample). */
const samplesOf = (value: unknown): number[] => {
  const list = Array.isArray(value) ? value : [value];
  return list.every((item) => typeof item === 'number' && Number.isFinite(item)) ? (list as number[]) : [];
};

/**
 * Metrics from an embedded-metric-format record (`_aws.CloudWatchMetrics[]`): for each directive, each
 * dimension set and each metric, one datum per sample, with the values read from the record's top-level
 * members. An empty dimension set publishes the metric without dimensions. Where the spec says CloudWatch
 * rejects the record (a dimension member missing or not a string, a value that is not a number) we drop
 * that metric rather than guess.
 *
 * `timestampMs` is the event's ingestion time: the caller decides it (simulated time in `logs verify`), so
 * `_aws.Timestamp` (wall-clock time of the run) is deliberately not used.
 */
export const extractEmfMetrics = (record: unknown, timestampMs: number): MetricDatum[] => {
  if (!isRecord(record) || !isRecord(record._aws) || !Array.isArray(record._aws.CloudWatchMetrics)) return [];
  const data: MetricDatum[] = [];
  for (const directive of record._aws.CloudWatchMetrics as MetricDirective[]) {
    if (!isRecord(directive) || typeof directive.Namespace !== 'string' || !Array.isArray(directive.Metrics))
      continue;
    const rawSets = Array.isArray(directive.Dimensions) ? (directive.Dimensions as unknown[]) : [];
    const sets = rawSets.length === 0 ? [[]] : rawSets.filter(Array.isArray).map((set) => set.map(String));
    for (const set of sets) {
      const values = set.map((name) => record[name]);
      if (!values.every((value) => typeof value === 'string')) continue;
      const dimensions = Object.fromEntries(set.map((name, index) => [name, values[index] as string]));
      for (const metric of directive.Metrics as unknown[]) {
        if (!isRecord(metric) || typeof metric.Name !== 'string') continue;
        for (const value of samplesOf(record[metric.Name])) {
          data.push({
            namespace: directive.Namespace,
            metricName: metric.Name,
            dimensions,
            timestampMs,
            value,
            unit: typeof metric.Unit === 'string' ? metric.Unit : undefined,
            source: 'emf',
          });
        }
      }
    }
  }
  return data;
};
