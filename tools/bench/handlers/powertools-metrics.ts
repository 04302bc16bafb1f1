import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { business } from './business';

const logger = new Logger({ serviceName: 'bench' });
const metrics = new Metrics({ namespace: 'Bench', serviceName: 'bench' });

/**
 * Variant "Powertools + Metrics": the stack a user assembles by hand. Logger line plus a latency metric published
 * by `logMetrics` as a second (EMF) line.
 */
export const handler = middy(async (event: APIGatewayProxyEventV2) => {
  const start = performance.now();
  const result = await business(event);
  const { http } = event.requestContext;
  const durationMs = performance.now() - start;
  logger.info('request_completed', {
    category: 'application',
    correlation_id: event.headers['x-request-id'],
    method: http.method,
    route: event.routeKey,
    path: http.path,
    status_code: result.statusCode,
    duration_ms: durationMs,
    source_ip: http.sourceIp,
    user_agent: http.userAgent,
  });
  metrics.addMetric('latency', MetricUnit.Milliseconds, durationMs);
  return result;
})
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
