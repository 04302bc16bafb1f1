import type { MetricFilterModel, MetricTransformationModel } from '../cloud-assembly';
import { type CompiledFilterPattern, compileFilterPattern, extractMetric } from '../filter-pattern';
import type { MetricDatum } from './types';

interface CompiledFilter {
  readonly filter: MetricFilterModel;
  readonly pattern: CompiledFilterPattern;
}

/** The metric filters of a stack, compiled once and grouped by the log group they watch. */
export class MetricFilterSet {
  private readonly byLogGroup = new Map<string, CompiledFilter[]>();

  constructor(filters: readonly MetricFilterModel[]) {
    for (const filter of filters) {
      let pattern: CompiledFilterPattern;
      try {
        pattern = compileFilterPattern(filter.filterPattern);
      } catch (error) {
        // Name the filter: AWS would reject this one at deploy time.
        throw new Error(`Metric filter ${filter.filterName}: ${(error as Error).message}`, { cause: error });
      }
      const list = this.byLogGroup.get(filter.logGroupName) ?? [];
      list.push({ filter, pattern });
      this.byLogGroup.set(filter.logGroupName, list);
    }
  }

  /** The data points every filter of the group publishes for one event (defaultValue included). */
  apply(logGroupName: string, message: string, timestampMs: number): MetricDatum[] {
    const data: MetricDatum[] = [];
    for (const { filter, pattern } of this.byLogGroup.get(logGroupName) ?? []) {
      for (const transformation of filter.metricTransformations) {
        const point = extractMetric(pattern, message, toEngine(transformation));
        if (!point) continue;
        data.push({
          namespace: transformation.metricNamespace,
          metricName: transformation.metricName,
          dimensions: point.dimensions,
          timestampMs,
          value: point.value,
          unit: transformation.unit,
          source: filter.filterName,
        });
      }
    }
    return data;
  }

  /** Whether the filter matched the event (not whether it published: defaultValue publishes on a miss). */
  matches(filter: MetricFilterModel, message: string): boolean {
    const compiled = this.byLogGroup.get(filter.logGroupName)?.find((entry) => entry.filter === filter);
    return compiled?.pattern.match(message) !== undefined;
  }
}

const toEngine = (transformation: MetricTransformationModel) => ({
  metricValue: transformation.metricValue,
  defaultValue: transformation.defaultValue,
  dimensions:
    Object.keys(transformation.dimensions).length > 0 ? { ...transformation.dimensions } : undefined,
});
