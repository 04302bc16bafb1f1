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
  integrationError: 'integrationError',
  userAgent: 'userAgent',
} as const;
