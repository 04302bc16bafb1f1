import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * The function body every variant wraps: trivial on purpose, so that the measured difference between variants is
 * the logging and nothing else.
 */
export const business = async (
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2> => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: `{"order":"${event.pathParameters?.orderId ?? ''}","ok":true}`,
});
