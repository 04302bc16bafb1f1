/**
 * The CloudWatch metrics the layer publishes as EMF inside its records. The stack's alarms and dashboard read
 * these names from here, like event names from the catalog.
 */
export const metricNames = {
  /** Default namespace; `POWERTOOLS_METRICS_NAMESPACE` overrides it. */
  namespace: 'CreamLogging',
  /** Milliseconds from the middleware's `before` to the response, one datum per request. */
  requestLatency: 'RequestLatency',
  /** One per request, successful or not. */
  requestCount: 'RequestCount',
  /** One per cold start of a function instance. */
  coldStart: 'ColdStart',
  /** The one dimension EMF metrics carry: the Powertools service name, low cardinality on purpose. */
  serviceDimension: 'service',
} as const;
