import type { ServerResponse } from 'node:http';

/** An HTTP response as API Gateway would send it. */
export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly cookies: readonly string[];
  readonly body: Buffer;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const jsonResponse = (statusCode: number, value: unknown, indent?: number): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  cookies: [],
  body: Buffer.from(JSON.stringify(value, null, indent)),
});

/** API Gateway's own JSON error answers (`{"message":"Not Found"}`), byte for byte. */
export const gatewayError = (statusCode: number, message: string): HttpResponse =>
  jsonResponse(statusCode, { message });

const isValidStatus = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599;

/**
 * Maps a handler's return value with the HTTP API payload 2.0 rules: an object with `statusCode` is a
 * response (headers, cookies, body, `isBase64Encoded`); anything else (an object without `statusCode`, a
 * string, a number) is a 200 `application/json` whose body is the value as JSON. A malformed response is a 500.
 */
export const toHttpResponse = (value: unknown): HttpResponse => {
  if (!isRecord(value) || !('statusCode' in value)) {
    const body = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      cookies: [],
      body: Buffer.from(body),
    };
  }
  if (!isValidStatus(value.statusCode)) return gatewayError(500, 'Internal Server Error');
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(isRecord(value.headers) ? value.headers : {})) {
    headers[name.toLowerCase()] = String(header);
  }
  const text =
    typeof value.body === 'string' ? value.body : value.body === undefined ? '' : JSON.stringify(value.body);
  const body = value.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text);
  if (body.length > 0) headers['content-type'] ??= 'application/json';
  const cookies = Array.isArray(value.cookies) ? value.cookies.map(String) : [];
  return { statusCode: value.statusCode, headers, cookies, body };
};

export const writeHttpResponse = (
  response: ServerResponse,
  result: HttpResponse,
  extraHeaders: Record<string, string>,
): void => {
  const headers: Record<string, string | string[]> = { ...result.headers, ...extraHeaders };
  if (result.cookies.length > 0) headers['set-cookie'] = [...result.cookies];
  headers['content-length'] = String(result.body.length);
  response.writeHead(result.statusCode, headers);
  response.end(result.body);
};
