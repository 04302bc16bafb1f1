import type { StackModel } from '../cloud-assembly';
import type { LogRecord } from './log-records';

/** One request as API Gateway's `$context` variables describe it. */
export interface AccessLogContext {
  readonly requestId: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly requestTimeEpoch: number;
  readonly requestTime: string;
  readonly httpMethod: string;
  readonly routeKey?: string;
  readonly path: string;
  readonly protocol: string;
  readonly status: number;
  readonly responseLength: number;
  readonly responseLatency: number;
  readonly integrationLatency?: number;
  readonly integrationStatus?: number;
  readonly integrationErrorMessage?: string;
  /** API Gateway's own error message, when it answered itself (404, 413, 500, 503). */
  readonly errorMessage?: string;
  /** The request id of the Lambda invocation (the Invoke API's x-amzn-RequestId). */
  readonly awsEndpointRequestId?: string;
}

export interface AccessLogDestination {
  readonly logGroupName: string;
  readonly format: string;
  readonly apiLogicalId: string;
}

/**
 * The HTTP API stage's access log settings from the template: the destination group (from its ARN) and the
 * `$context` format. Undefined when the stage logs no access.
 */
export const accessLogDestination = (model: StackModel): AccessLogDestination | undefined => {
  for (const resource of Object.values(model.template.Resources)) {
    if (resource.Type !== 'AWS::ApiGatewayV2::Stage') continue;
    const settings = resource.Properties?.AccessLogSettings as
      | { DestinationArn?: unknown; Format?: unknown }
      | undefined;
    if (!settings?.DestinationArn || typeof settings.Format !== 'string') continue;
    const arn = String(model.resolve(settings.DestinationArn));
    const logGroupName = /:log-group:([^:]+)/.exec(arn)?.[1];
    const apiLogicalId = (resource.Properties?.ApiId as { Ref?: string } | undefined)?.Ref ?? 'HttpApi';
    if (logGroupName) return { logGroupName, format: String(model.resolve(settings.Format)), apiLogicalId };
  }
  return undefined;
};

/** `$context.x.y` → the value, or `-` as API Gateway writes for a variable without a value. */
const variables = (context: AccessLogContext): Record<string, string | number | undefined> => ({
  requestId: context.requestId,
  extendedRequestId: context.requestId,
  'identity.sourceIp': context.sourceIp,
  'identity.userAgent': context.userAgent,
  requestTime: context.requestTime,
  requestTimeEpoch: context.requestTimeEpoch,
  httpMethod: context.httpMethod,
  routeKey: context.routeKey,
  path: context.path,
  protocol: context.protocol,
  status: context.status,
  responseLength: context.responseLength,
  responseLatency: context.responseLatency,
  integrationLatency: context.integrationLatency,
  'integration.latency': context.integrationLatency,
  integrationStatus: context.integrationStatus,
  'integration.status': context.integrationStatus,
  integrationErrorMessage: context.integrationErrorMessage,
  'integration.error': context.integrationErrorMessage,
  'error.message': context.errorMessage,
  'error.messageString':
    context.errorMessage === undefined ? undefined : JSON.stringify(context.errorMessage),
  awsEndpointRequestId: context.awsEndpointRequestId,
  'integration.requestId': context.awsEndpointRequestId,
  stage: '$default',
});

/**
 * One access log line in the stage's own format. Values are JSON-escaped, since the formats CDK users write
 * are JSON and a user agent may contain quotes.
 */
export const formatAccessLog = (format: string, context: AccessLogContext): string => {
  const values = variables(context);
  return format.replace(/\$context\.([A-Za-z0-9_.]+[A-Za-z0-9_])/g, (whole, name: string) => {
    if (!(name in values)) return whole;
    const value = values[name];
    if (value === undefined || value === '') return '-';
    return JSON.stringify(String(value)).slice(1, -1);
  });
};

export const accessLogRecord = (
  destination: AccessLogDestination,
  context: AccessLogContext,
  time: number,
): LogRecord => {
  const line = formatAccessLog(destination.format, context);
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    // A non-JSON format is legal in API Gateway: keep the text.
    record = { message: line };
  }
  return {
    logGroupName: destination.logGroupName,
    logStreamName: `${destination.apiLogicalId}_$default`,
    functionName: destination.apiLogicalId,
    line,
    record,
    time,
  };
};
