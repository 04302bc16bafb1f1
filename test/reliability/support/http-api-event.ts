import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export interface HttpEventParts {
  readonly method?: string;
  readonly path?: string;
  readonly routeKey?: string;
  readonly headers?: Record<string, string>;
  readonly cookies?: string[];
  readonly rawQueryString?: string;
  readonly queryStringParameters?: Record<string, string>;
  readonly body?: string;
  readonly requestId?: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
}

/**
 * An API Gateway HTTP API (v2) event, shaped like `apigw-http/go_apigw-v2-request-no-authorizer.json` in
 * test/fixtures/events, with the parts a test varies.
 */
export const httpApiEvent = (parts: HttpEventParts = {}): APIGatewayProxyEventV2 => {
  const method = parts.method ?? 'POST';
  const path = parts.path ?? '/orders';
  const userAgent = parts.userAgent ?? 'curl/8.5.0';
  return {
    version: '2.0',
    routeKey: parts.routeKey ?? `${method} ${path}`,
    rawPath: path,
    rawQueryString: parts.rawQueryString ?? '',
    cookies: parts.cookies,
    headers: { 'content-type': 'application/json', 'user-agent': userAgent, ...parts.headers },
    queryStringParameters: parts.queryStringParameters,
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      domainName: 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'a1b2c3d4e5',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: parts.sourceIp ?? '203.0.113.7', userAgent },
      requestId: parts.requestId ?? 'apigw-request-id',
      routeKey: parts.routeKey ?? `${method} ${path}`,
      stage: '$default',
      time: '26/Nov/2026:10:00:00 +0000',
      timeEpoch: 1795600000000,
    },
    body: parts.body,
    isBase64Encoded: false,
  };
};
