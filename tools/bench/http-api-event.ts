import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/**
 * A realistic API Gateway HTTP API (v2) request, about 1.5 KB as JSON. Its shape follows
 * `events/testdata/apigw-v2-request-no-authorizer.json` of aws/aws-lambda-go (Apache-2.0) and
 * `packages/parser/tests/events/apigw-http/no-auth.json` of powertools-lambda-typescript (MIT-0), with the headers a
 * browser behind CloudFront sends and a small JSON body, so redaction and header handling do real work.
 * Secret-bearing values (authorization, cookie, password) are there on purpose: a logger must not copy them.
 */
const baseEvent: APIGatewayProxyEventV2 = {
  version: '2.0',
  routeKey: 'POST /orders/{orderId}',
  rawPath: '/orders/ord-8c1f2a',
  rawQueryString: 'expand=items&lang=en',
  cookies: ['session=b3BhcXVlLXNlc3Npb24tdmFsdWU', 'theme=dark'],
  headers: {
    accept: 'application/json',
    'accept-encoding': 'gzip, deflate, br',
    'accept-language': 'en-GB,en;q=0.9',
    authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTQyIn0.bench-signature',
    'content-length': '84',
    'content-type': 'application/json',
    host: 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
    origin: 'https://shop.example.com',
    referer: 'https://shop.example.com/checkout',
    'user-agent':
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    'x-amzn-trace-id': 'Root=1-66705bc7-2b4257df30cbee696ef2cf28',
    'x-forwarded-for': '203.0.113.42',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
  },
  queryStringParameters: { expand: 'items', lang: 'en' },
  pathParameters: { orderId: 'ord-8c1f2a' },
  requestContext: {
    accountId: '123456789012',
    apiId: 'a1b2c3d4e5',
    domainName: 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
    domainPrefix: 'a1b2c3d4e5',
    http: {
      method: 'POST',
      path: '/orders/ord-8c1f2a',
      protocol: 'HTTP/1.1',
      sourceIp: '203.0.113.42',
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    },
    requestId: 'ZhNHJhhLjoEEPiw=',
    routeKey: 'POST /orders/{orderId}',
    stage: '$default',
    time: '17/Jun/2024:15:52:39 +0000',
    timeEpoch: 1718639559080,
  },
  body: '{"email":"jane.doe@example.com","password":"hunter2-bench","items":[{"sku":"A-1","qty":2}]}',
  isBase64Encoded: false,
};

/** Size of the base event as JSON, shown in the report. */
export const benchEventBytes = Buffer.byteLength(JSON.stringify(baseEvent));

/**
 * A fresh event for call `i`: new request id and correlation header, so per-request state cannot be cached
 * across calls. Built outside the timed region by the worker.
 */
export const makeEvent = (i: number): APIGatewayProxyEventV2 => ({
  ...baseEvent,
  headers: { ...baseEvent.headers, 'x-request-id': `req-${i}` },
  requestContext: { ...baseEvent.requestContext, requestId: `apigw-${i}` },
});

/** A fresh Lambda context per call, as the runtime gives one per invocation. */
export const makeContext = (i: number, timeoutMs = 30_000): Context => {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'bench-function',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:bench-function',
    memoryLimitInMB: '1024',
    awsRequestId: `0b6c1f7e-0000-4000-8000-${String(i).padStart(12, '0')}`,
    logGroupName: '/aws/lambda/bench-function',
    logStreamName: '2026/11/26/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};
