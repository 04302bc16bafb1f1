import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { business } from './business';

/**
 * Variant "floor": one hand-written `JSON.stringify` line with the request_completed fields. No library can
 * write the same record for less, so it bounds what any logger could achieve.
 */
export const handler = async (event: APIGatewayProxyEventV2, context: Context) => {
  const start = performance.now();
  const result = await business(event);
  const { http } = event.requestContext;
  process.stdout.write(
    `${JSON.stringify({
      timestamp: new Date().toISOString(),
      level: 'INFO',
      service: 'bench',
      message: 'request_completed',
      category: 'application',
      function_request_id: context.awsRequestId,
      correlation_id: event.headers['x-request-id'],
      method: http.method,
      route: event.routeKey,
      path: http.path,
      status_code: result.statusCode,
      duration_ms: performance.now() - start,
      source_ip: http.sourceIp,
      user_agent: http.userAgent,
    })}\n`,
  );
  return result;
};
