import type { MetricFilterModel, SubscriptionFilterModel } from '../cloud-assembly';
import { compileFilterPattern, extractMetric } from '../filter-pattern';
import type { TimelineEvent } from './timeline';

export interface PublishedValues {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly sum: number;
}

export interface FilterCoverage {
  readonly kind: 'metric' | 'subscription';
  readonly filterName: string;
  readonly logGroupName: string;
  readonly pattern: string;
  /** `Namespace/MetricName` per transformation, or the destination for subscription filters. */
  readonly target: string;
  readonly matched: number;
  readonly byEvent: Readonly<Record<string, number>>;
  readonly byScenario: Readonly<Record<string, number>>;
  /** Per dimension set (`-` for none): how many matching events published, and the range of their values. */
  readonly published: Readonly<Record<string, PublishedValues>>;
  /** Non-matching events that published the filter's defaultValue. */
  readonly defaults: number;
  readonly error?: string;
}

const increment = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

const dimensionLabel = (dimensions: Record<string, string>): string =>
  Object.keys(dimensions).length === 0
    ? '-'
    : Object.entries(dimensions)
        .map(([key, dimension]) => `${key}=${dimension}`)
        .join(', ');

const addValue = (published: Record<string, PublishedValues>, key: string, value: number) => {
  const seen = published[key];
  published[key] = seen
    ? {
        count: seen.count + 1,
        min: Math.min(seen.min, value),
        max: Math.max(seen.max, value),
        sum: seen.sum + value,
      }
    : { count: 1, min: value, max: value, sum: value };
};

/** Runs one metric or subscription filter over the events of its log group: what it matched and published. */
export const filterCoverage = (
  filter: MetricFilterModel | SubscriptionFilterModel,
  events: readonly TimelineEvent[],
): FilterCoverage => {
  const isMetric = 'metricTransformations' in filter;
  const base = {
    kind: isMetric ? ('metric' as const) : ('subscription' as const),
    filterName: filter.filterName,
    logGroupName: filter.logGroupName,
    pattern: filter.filterPattern,
    target: isMetric
      ? filter.metricTransformations.map((t) => `${t.metricNamespace}/${t.metricName}`).join(', ')
      : filter.destinationArn,
  };
  const byEvent: Record<string, number> = {};
  const byScenario: Record<string, number> = {};
  const published: Record<string, PublishedValues> = {};
  let matched = 0;
  let defaults = 0;
  let compiled: ReturnType<typeof compileFilterPattern>;
  try {
    compiled = compileFilterPattern(filter.filterPattern);
  } catch (error) {
    return { ...base, matched: 0, byEvent, byScenario, published, defaults, error: (error as Error).message };
  }
  for (const event of events) {
    if (event.logGroupName !== filter.logGroupName) continue;
    const hit = compiled.match(event.line) !== undefined;
    if (hit) {
      matched++;
      increment(byEvent, event.event);
      increment(byScenario, event.scenario);
    }
    if (!isMetric) continue;
    for (const transformation of filter.metricTransformations) {
      const point = extractMetric(compiled, event.line, {
        metricValue: transformation.metricValue,
        defaultValue: transformation.defaultValue,
        dimensions: Object.keys(transformation.dimensions).length
          ? { ...transformation.dimensions }
          : undefined,
      });
      if (!point) continue;
      if (hit) addValue(published, dimensionLabel(point.dimensions), point.value);
      else defaults++;
    }
  }
  return { ...base, matched, byEvent, byScenario, published, defaults };
};
