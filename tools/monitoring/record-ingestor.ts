import type { MetricFilterModel } from '../cloud-assembly';
import { extractEmfMetrics } from './emf';
import { MetricFilterSet } from './metric-filter-set';
import type { MetricStore } from './metric-store';
import type { MetricDatum } from './types';

const parseJson = (line: string): unknown => {
  if (!line.trimStart().startsWith('{')) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
};

/**
 * Turns log events into metric data the way CloudWatch Logs does after ingestion: every metric filter of the
 * event's log group runs on the raw line, and a JSON record with an `_aws` block publishes its EMF metrics.
 */
export class RecordIngestor {
  readonly filters: MetricFilterSet;

  constructor(
    filters: readonly MetricFilterModel[],
    private readonly store: MetricStore,
  ) {
    this.filters = new MetricFilterSet(filters);
  }

  ingestRecord(logGroupName: string, line: string, timestampMs: number): MetricDatum[] {
    const data = [
      ...this.filters.apply(logGroupName, line, timestampMs),
      ...extractEmfMetrics(parseJson(line), timestampMs),
    ];
    for (const datum of data) this.store.put(datum);
    return data;
  }
}
