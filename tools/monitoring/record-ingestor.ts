import type { MetricFilterModel } from '../cloud-assembly';
import { findingsDatapoints } from './data-protection';
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
 * event's log group runs on the raw line, a JSON record with an `_aws` block publishes its EMF metrics, and in
 * a group with a data protection policy an event with findings counts in LogEventsWithFindings.
 */
export class RecordIngestor {
  readonly filters: MetricFilterSet;

  private readonly identifiers: ReadonlyMap<string, readonly string[]>;

  constructor(
    filters: readonly MetricFilterModel[],
    private readonly store: MetricStore,
    /** Log groups with their data protection policy's identifiers. */
    logGroups: readonly { readonly name: string; readonly dataIdentifiers?: readonly string[] }[] = [],
  ) {
    this.filters = new MetricFilterSet(filters);
    this.identifiers = new Map(
      logGroups.flatMap((group) =>
        group.dataIdentifiers?.length ? [[group.name, group.dataIdentifiers]] : [],
      ),
    );
  }

  ingestRecord(logGroupName: string, line: string, timestampMs: number): MetricDatum[] {
    const identifiers = this.identifiers.get(logGroupName);
    const data = [
      ...this.filters.apply(logGroupName, line, timestampMs),
      ...extractEmfMetrics(parseJson(line), timestampMs),
      ...(identifiers ? findingsDatapoints(logGroupName, line, identifiers, timestampMs) : []),
    ];
    for (const datum of data) this.store.put(datum);
    return data;
  }
}
