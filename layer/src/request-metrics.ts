/**
 * Request latency, request count and cold start as CloudWatch EMF, serialized by Powertools Metrics and merged
 * into the request's own record: one line per request carries both the log and the metrics.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { resolveServiceName } from './cream-logger';
import { writeLine } from './log-sink';
import { metricNames } from './metric-names';

let metrics: Metrics | undefined;

/** Created on first use so env changes before the first request (tests, init code) are honoured. */
const getMetrics = (): Metrics => {
  metrics ??= new Metrics({
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || metricNames.namespace,
    serviceName: resolveServiceName(),
    // Powertools' own warnings go through the sink like every other line
    logger: { debug: writeLine, info: writeLine, warn: writeLine, error: writeLine },
  });
  return metrics;
};

export interface RequestMeasure {
  readonly durationMs: number;
  readonly coldStart: boolean;
}

/** The EMF keys (`_aws`, the dimension, the metric values) for one request; `{}` if metrics fail. */
export const requestMetrics = ({ durationMs, coldStart }: RequestMeasure): Record<string, unknown> => {
  const store = getMetrics();
  try {
    store.addMetric(metricNames.requestLatency, MetricUnit.Milliseconds, durationMs);
    store.addMetric(metricNames.requestCount, MetricUnit.Count, 1);
    if (coldStart) store.addMetric(metricNames.coldStart, MetricUnit.Count, 1);
    return { ...store.serializeMetrics() };
  } catch {
    return {};
  } finally {
    store.clearMetrics();
  }
};
