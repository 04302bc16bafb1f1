/**
 * Request latency (whose SampleCount is the request count) and cold start as CloudWatch EMF, merged into the request's own record: one
 * line per request carries both the log and the metrics. The `_aws` directive is a constant built once (two
 * variants: with and without ColdStart); per request only the timestamp and the values are new. The dimension
 * value is the record's own `service` key, so no extra key is written.
 */

import { metricNames } from './metric-names';
import type { Json } from './safe-serialize';

const latency = { Name: metricNames.requestLatency, Unit: 'Milliseconds' };
const coldStart = { Name: metricNames.coldStart, Unit: 'Count' };

interface Directives {
  readonly warm: Json;
  readonly cold: Json;
}

let directives: Directives | undefined;

/** Built on first use so a namespace set before the first request (tests, init code) is honoured. */
const getDirectives = (): Directives => {
  if (directives === undefined) {
    const directive = (metrics: Json[]): Json => [
      {
        Namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || metricNames.namespace,
        Dimensions: [[metricNames.serviceDimension]],
        Metrics: metrics,
      },
    ];
    directives = { warm: directive([latency]), cold: directive([latency, coldStart]) };
  }
  return directives;
};

export interface RequestMeasure {
  readonly durationMs: number;
  readonly coldStart: boolean;
  /** Epoch milliseconds of the record. */
  readonly time: number;
}

/** The EMF keys (`_aws` and the metric values) for one request. */
export const requestMetrics = ({
  durationMs,
  coldStart: cold,
  time,
}: RequestMeasure): Record<string, Json> => {
  const { warm, cold: coldDirective } = getDirectives();
  const emf: Record<string, Json> = {
    _aws: { Timestamp: time, CloudWatchMetrics: cold ? coldDirective : warm },
    [metricNames.requestLatency]: durationMs,
  };
  if (cold) emf[metricNames.coldStart] = 1;
  return emf;
};
