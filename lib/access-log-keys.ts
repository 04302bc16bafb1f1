// No CDK import here: the local runtime reads these keys too, without loading aws-cdk-lib.
/**
 * Keys of one access log record. They are API Gateway's, not the catalog's (the layer never writes these
 * lines), so they are defined here once and the saved queries and the local console read them from this object.
 */
export const accessLogKeys = {
  requestId: 'requestId',
  sourceIp: 'ip',
  requestTime: 'requestTime',
  method: 'httpMethod',
  routeKey: 'routeKey',
  path: 'path',
  protocol: 'protocol',
  status: 'status',
  responseLength: 'responseLength',
  latencyMs: 'responseLatency',
  integrationLatencyMs: 'integrationLatency',
  /** The status the integration answered (Lambda's Invoke API: 200 even when the function failed). */
  integrationStatus: 'integrationStatus',
  integrationError: 'integrationError',
  /** API Gateway's own error message (throttled, timed out, not found), when it answered itself. */
  errorMessage: 'errorMessage',
  /** The Lambda invocation's request id: the function records' `function_request_id`. */
  lambdaRequestId: 'lambdaRequestId',
  userAgent: 'userAgent',
} as const;
