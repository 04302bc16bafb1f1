import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { toHttpApiEvent } from '../../tools/local/http-event';
import { toHttpResponse } from '../../tools/local/http-response';
import { RouteTable } from '../../tools/local/route-table';

/** Sends one real HTTP request to a throwaway server and returns the payload 2.0 event built from it. */
const eventFor = async (init: {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}) => {
  let event: APIGatewayProxyEventV2 | undefined;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      event = toHttpApiEvent(request, Buffer.concat(chunks), {
        routeKey: 'POST /login',
        requestId: 'gw-1',
        apiId: 'local',
        accountId: '000000000000',
        now: Date.UTC(2026, 10, 26, 15, 4, 5),
      });
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await fetch(`http://127.0.0.1:${port}${init.path}`, {
    method: init.method,
    headers: init.headers,
    body: init.body,
  });
  await new Promise((resolve) => server.close(resolve));
  return event!;
};

describe('HTTP API payload 2.0 events', () => {
  it('base64-encodes a form body and splits cookies out of the headers', async () => {
    const event = await eventFor({
      method: 'POST',
      path: '/login?a=1&a=2&b=x',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Cookie: 'c1=v1; c2=v2',
        'X-Custom': 'yes',
      },
      body: 'username=a%40b.c&password=p',
    });

    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /login',
      rawPath: '/login',
      rawQueryString: 'a=1&a=2&b=x',
      queryStringParameters: { a: '1,2', b: 'x' },
      cookies: ['c1=v1', 'c2=v2'],
      isBase64Encoded: true,
      requestContext: {
        requestId: 'gw-1',
        stage: '$default',
        time: '26/Nov/2026:15:04:05 +0000',
        timeEpoch: Date.UTC(2026, 10, 26, 15, 4, 5),
        http: { method: 'POST', path: '/login', sourceIp: '127.0.0.1' },
      },
    });
    expect(Buffer.from(event.body!, 'base64').toString()).toBe('username=a%40b.c&password=p');
    expect(event.headers['x-custom']).toBe('yes');
    expect(event.headers.cookie).toBeUndefined();
  });

  it('passes a JSON body as text', async () => {
    const event = await eventFor({
      method: 'POST',
      path: '/login',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"email":"a@b.c"}',
    });

    expect(event).toMatchObject({ body: '{"email":"a@b.c"}', isBase64Encoded: false });
  });
});

describe('handler results as HTTP responses', () => {
  it('treats a value without statusCode as a 200 JSON body', () => {
    const response = toHttpResponse({ ok: true });
    expect(response).toMatchObject({ statusCode: 200, headers: { 'content-type': 'application/json' } });
    expect(response.body.toString()).toBe('{"ok":true}');
  });

  it('maps statusCode, lower-cased headers, cookies and a base64 body', () => {
    const response = toHttpResponse({
      statusCode: 201,
      headers: { 'Content-Type': 'text/plain' },
      cookies: ['s=1; HttpOnly'],
      body: Buffer.from('hi').toString('base64'),
      isBase64Encoded: true,
    });
    expect(response).toMatchObject({
      statusCode: 201,
      headers: { 'content-type': 'text/plain' },
      cookies: ['s=1; HttpOnly'],
    });
    expect(response.body.toString()).toBe('hi');
  });

  it('answers 500 for a malformed statusCode, as API Gateway does', () => {
    expect(toHttpResponse({ statusCode: 'ok' }).statusCode).toBe(500);
  });
});

describe('routes', () => {
  const table = new RouteTable([
    { routeKey: 'GET /items/{id}', functionName: 'item' },
    { routeKey: 'GET /items/special', functionName: 'special' },
    { routeKey: 'ANY /files/{proxy+}', functionName: 'files' },
    { routeKey: '$default', functionName: 'fallback' },
  ]);

  it('prefers literal segments, extracts parameters and falls back to $default', () => {
    expect(table.match('GET', '/items/special')?.route.functionName).toBe('special');
    expect(table.match('GET', '/items/42')).toMatchObject({
      route: { functionName: 'item' },
      pathParameters: { id: '42' },
    });
    expect(table.match('DELETE', '/files/a/b.txt')).toMatchObject({ pathParameters: { proxy: 'a/b.txt' } });
    expect(table.match('POST', '/items/42')?.route.functionName).toBe('fallback');
  });

  it('finds nothing without a $default route', () => {
    expect(
      new RouteTable([{ routeKey: 'POST /login', functionName: 'login' }]).match('GET', '/login'),
    ).toBeUndefined();
  });
});
