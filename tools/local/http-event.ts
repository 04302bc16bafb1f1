import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** What API Gateway knows about a request besides its bytes. */
export interface EventContext {
  readonly routeKey: string;
  readonly pathParameters?: Record<string, string>;
  readonly requestId: string;
  readonly apiId: string;
  readonly accountId: string;
  readonly now: number;
}

/**
 * HTTP APIs pass text bodies as strings and base64-encode everything else, form posts included (which is
 * why handlers must decode `isBase64Encoded` bodies).
 */
const isTextContent = (contentType: string | undefined): boolean => {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  if (!type) return false;
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type.endsWith('+json') ||
    type === 'application/xml' ||
    type.endsWith('+xml') ||
    type === 'application/javascript'
  );
};

/** `26/Nov/2026:15:04:05 +0000`, the format of `requestContext.time`. */
export const clfTime = (epochMs: number): string => {
  const date = new Date(epochMs);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
};

/** Repeated query keys are joined with commas, as payload 2.0 does. */
const queryParameters = (rawQueryString: string): Record<string, string> | undefined => {
  if (!rawQueryString) return undefined;
  const result: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    result[key] = key in result ? `${result[key]},${value}` : value;
  }
  return result;
};

const sourceIpOf = (request: IncomingMessage): string => {
  const address = request.socket.remoteAddress ?? '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address === '::1' ? '127.0.0.1' : address;
};

/**
 * A Node request as an API Gateway HTTP API payload format 2.0 event: lower-cased headers with repeated values
 * comma-joined, cookies split out of the `cookie` header, the query both raw and parsed, the body as text or
 * base64, and the request context Lambda handlers read (request id, method, path, source IP, user agent).
 */
export const toHttpApiEvent = (
  request: IncomingMessage,
  body: Buffer,
  context: EventContext,
): APIGatewayProxyEventV2 => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    const name = request.rawHeaders[index].toLowerCase();
    const value = request.rawHeaders[index + 1];
    if (name === 'cookie') {
      cookies = [
        ...(cookies ?? []),
        ...value
          .split(';')
          .map((cookie) => cookie.trim())
          .filter(Boolean),
      ];
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  const host = headers.host ?? 'localhost';
  headers['x-forwarded-for'] = headers['x-forwarded-for']
    ? `${headers['x-forwarded-for']}, ${sourceIpOf(request)}`
    : sourceIpOf(request);
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= String(request.socket.localPort ?? '');
  const rawQueryString = url.search.slice(1);
  const isBase64Encoded = body.length > 0 && !isTextContent(headers['content-type']);
  return {
    version: '2.0',
    routeKey: context.routeKey,
    rawPath: url.pathname,
    rawQueryString,
    cookies,
    headers,
    queryStringParameters: queryParameters(rawQueryString),
    pathParameters: context.pathParameters,
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      domainName: host,
      domainPrefix: host.split('.')[0].split(':')[0],
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: sourceIpOf(request),
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: context.requestId,
      routeKey: context.routeKey,
      stage: '$default',
      time: clfTime(context.now),
      timeEpoch: context.now,
    },
    body: body.length > 0 ? body.toString(isBase64Encoded ? 'base64' : 'utf8') : undefined,
    isBase64Encoded,
  };
};
