/**
 * The CloudWatch metrics the layer publishes as EMF inside its records. The stack's alarms and dashboard read
 * these names from here, like event names from the catalog.
 */
export const metricNames = {
  /** Default namespace; `POWERTOOLS_METRICS_NAMESPACE` overrides it. */
  namespace: 'CreamLogging',
  /**
   * Milliseconds from the middleware's `before` to the response, one datum per request, successful or not:
   * its SampleCount is the request count, so no separate count metric is written (56 bytes a line saved).
   */
  requestLatency: 'RequestLatency',
  /** One per cold start of a function instance. */
  coldStart: 'ColdStart',
  /** The one dimension EMF metrics carry: the Powertools service name, low cardinality on purpose. */
  serviceDimension: 'service',
} as const;
