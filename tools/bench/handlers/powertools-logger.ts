import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { business } from './business';

const logger = new Logger({ serviceName: 'bench' });

/**
 * Variant "Powertools 1 line": the Powertools Logger through `injectLambdaContext`, writing one request_completed
 * line with the same request fields as the floor. This is the usual hand-written baseline.
 */
export const handler = middy(async (event: APIGatewayProxyEventV2) => {
  const start = performance.now();
  const result = await business(event);
  const { http } = event.requestContext;
  logger.info('request_completed', {
    category: 'application',
    correlation_id: event.headers['x-request-id'],
    method: http.method,
    route: event.routeKey,
    path: http.path,
    status_code: result.statusCode,
    duration_ms: performance.now() - start,
    source_ip: http.sourceIp,
    user_agent: http.userAgent,
  });
  return result;
}).use(injectLambdaContext(logger));
