import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context, ScheduledEvent } from 'aws-lambda';
import type { HttpRequest } from './protocol';

/** An API Gateway HTTP API (payload format 2.0) event, as the route integration would deliver it. */
export const httpApiEvent = (request: HttpRequest, now = Date.now()): APIGatewayProxyEventV2 => ({
  version: '2.0',
  routeKey: request.routeKey ?? `${request.method} ${request.path}`,
  rawPath: request.path,
  rawQueryString: '',
  headers: { host: 'local.execute-api.localhost', 'user-agent': 'cream-verify/1.0', ...request.headers },
  requestContext: {
    accountId: '000000000000',
    apiId: 'local',
    domainName: 'local.execute-api.localhost',
    domainPrefix: 'local',
    http: {
      method: request.method,
      path: request.path,
      protocol: 'HTTP/1.1',
      sourceIp: request.sourceIp,
      userAgent: request.headers['user-agent'] ?? 'cream-verify/1.0',
    },
    requestId: randomUUID(),
    routeKey: request.routeKey ?? `${request.method} ${request.path}`,
    stage: '$default',
    time: new Date(now).toISOString(),
    timeEpoch: now,
  },
  ...(request.pathParameters ? { pathParameters: { ...request.pathParameters } } : {}),
  body: request.body,
  isBase64Encoded: false,
});

/** What an EventBridge schedule rule delivers to its Lambda target (the health probe). */
export const scheduledEvent = (now = Date.now()): ScheduledEvent => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  region: 'us-east-1',
  resources: ['arn:aws:events:us-east-1:000000000000:rule/verify-probe'],
  detail: {},
});

export interface ContextOptions {
  readonly functionName: string;
  readonly memoryMb: number;
  readonly logGroupName: string;
  readonly remainingMs: number;
}

/** A Lambda context whose remaining time really runs down, so the middleware's timeout timer is honest. */
export const lambdaContext = (options: ContextOptions): Context => {
  const deadline = Date.now() + options.remainingMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${options.functionName}`,
    memoryLimitInMB: String(options.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: options.logGroupName,
    logStreamName: `verify/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};
