import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * Every response of these functions is JSON and must never be stored by a browser or proxy: login answers carry
 * tokens, health answers describe the current state and would lie when cached.
 */
export const jsonResponse = (
  statusCode: number,
  body: object,
  headers: Readonly<Record<string, string>> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});
