/**
 * Outgoing `fetch` calls through the real middleware against a real local server (node:http on 127.0.0.1): the
 * records written, the correlation header the server receives (or not), failures, and what never reaches a record.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { instrumentClient, type RequestLoggingOptions, requestLogging, setLogSink } from '@cream/logging';
import middy from '@middy/core';
import fc from 'fast-check';
import { hostMatcher } from '../../layer/src/host-patterns';
import { captureLines, httpApiEvent, type LogRecord, lambdaContext } from './helpers';

interface Received {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

let server: Server;
let base = '';
const received: Received[] = [];
/** Responses the test releases itself (a call that answers after its request ended). */
const held: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    received.push({ url: request.url ?? '', headers: request.headers });
    const path = (request.url ?? '').split('?')[0];
    if (path === '/held') {
      held.push(response);
      return;
    }
    if (path === '/stream') {
      response.writeHead(200, { 'content-type': 'text/plain' }).write('first chunk of a long body');
      return;
    }
    if (path?.startsWith('/fail')) {
      response.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"down"}');
      return;
    }
    if (request.headers['x-amz-target']) {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

afterEach(() => {
  setLogSink(undefined);
  received.splice(0);
});

/** A port nothing listens on: one the system just gave out and took back. */
const closedPort = async (): Promise<number> => {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  await once(probe, 'close');
  return port;
};

const invoke = (
  options: RequestLoggingOptions,
  call: () => Promise<unknown>,
  correlationId = 'corr-1',
): Promise<unknown> => {
  const handler = middy(async () => {
    await call();
    return { statusCode: 200, body: '{}' };
  }).use(requestLogging(options));
  const event = httpApiEvent({ headers: { 'x-correlation-id': correlationId } });
  return handler(event as never, lambdaContext());
};

const callRecords = (records: LogRecord[]) =>
  records.filter(
    (record) => record.message === 'external_call' || record.message === 'external_service_error',
  );

/** `slowMs: 0` writes every call at INFO, so a test sees it without waiting for a slow server. */
const everyCall = { httpClient: { slowMs: 0 } } as const;

describe('fetch calls made by a handler', () => {
  it('writes external_call with method, host, a route-like path, status and duration', async () => {
    const out = captureLines();

    await invoke(everyCall, () =>
      fetch(`${base}/orders/12345/items?page=2`).then((response) => response.text()),
    );

    expect(callRecords(out.records())).toEqual([
      {
        timestamp: expect.any(String),
        level: 'INFO',
        service: 'service_undefined',
        message: 'external_call',
        category: 'performance',
        correlation_id: 'corr-1',
        function_name: 'cream-test',
        function_request_id: 'lambda-request-1',
        http_method: 'GET',
        http_host: base.slice('http://'.length),
        http_path: '/orders/{id}/items',
        http_status: 200,
        duration_ms: expect.any(Number),
        outcome: 'success',
      },
    ]);
    expect(out.byMessage('request_completed')).toHaveLength(1);
  });

  it('writes a fast call at DEBUG: dropped when the request succeeds, printed when it fails', async () => {
    const fast = { httpClient: { slowMs: 60_000 } };
    const ok = captureLines();
    await invoke(fast, () => fetch(`${base}/orders`).then((response) => response.text()));
    expect(ok.records().map((record) => record.message)).toEqual(['request_completed']);

    const failed = captureLines();
    await expect(
      invoke(fast, async () => {
        await (await fetch(`${base}/orders`)).text();
        throw new Error('handler failed after the call');
      }),
    ).rejects.toThrow('handler failed');
    expect(failed.records().map((record) => [record.message, record.level])).toEqual([
      ['external_call', 'DEBUG'],
      ['request_failed', 'ERROR'],
    ]);
  });

  it('writes external_service_error for a 5xx, with the status as its code', async () => {
    const out = captureLines();

    await invoke(everyCall, () => fetch(`${base}/fail/now`, { method: 'POST', body: '{}' }));

    expect(callRecords(out.records())).toEqual([
      expect.objectContaining({
        message: 'external_call',
        http_method: 'POST',
        http_status: 503,
        outcome: 'failure',
      }),
      expect.objectContaining({
        message: 'external_service_error',
        level: 'ERROR',
        category: 'error',
        correlation_id: 'corr-1',
        http_method: 'POST',
        http_path: '/fail/now',
        http_status: 503,
        error_code: 'HTTP_503',
        duration_ms: expect.any(Number),
      }),
    ]);
  });

  it('writes external_service_error with the error code for a refused connection (and the handler still sees it)', async () => {
    const port = await closedPort();
    const out = captureLines();
    let seen: unknown;

    await invoke({ httpClient: { slowMs: 60_000 } }, () =>
      fetch(`http://127.0.0.1:${port}/orders`).catch((error: unknown) => {
        seen = error;
      }),
    );

    expect((seen as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
    const [call, failure] = callRecords(out.records());
    // the error record flushes the request's debug records first: the failed call's own record among them
    expect(call).toMatchObject({ message: 'external_call', level: 'DEBUG', outcome: 'failure' });
    expect(call).not.toHaveProperty('http_status');
    expect(failure).toMatchObject({
      message: 'external_service_error',
      correlation_id: 'corr-1',
      http_host: `127.0.0.1:${port}`,
      error_code: 'ECONNREFUSED',
      error: expect.objectContaining({ code: 'ECONNREFUSED' }),
    });
  });

  it('writes an abort before the response as a failure, and leaves a body the caller aborted alone', async () => {
    const out = captureLines();

    await invoke(everyCall, async () => {
      const early = new AbortController();
      const pending = fetch(`${base}/held`, { signal: early.signal }).catch(() => undefined);
      while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
      early.abort();
      await pending;
      held.shift()?.destroy();
      const late = new AbortController();
      const streaming = await fetch(`${base}/stream`, { signal: late.signal });
      late.abort();
      await streaming.text().catch(() => undefined);
    });

    expect(
      callRecords(out.records()).map((record) => [record.message, record.http_path, record.error_code]),
    ).toEqual([
      ['external_call', '/held', undefined],
      ['external_service_error', '/held', 'AbortError'],
      ['external_call', '/stream', undefined],
    ]);
  });

  it('writes nothing for a middleware with httpClient: false, and sends no header', async () => {
    const out = captureLines();

    await invoke({ httpClient: false }, () => fetch(`${base}/orders`).then((response) => response.text()));

    expect(out.records().map((record) => record.message)).toEqual(['request_completed']);
    expect(received[0]?.headers).not.toHaveProperty('x-correlation-id');
  });

  it('times a call made outside any request (init code) without request keys, by the last middleware created', async () => {
    requestLogging(everyCall);
    const out = captureLines();

    await (await fetch(`${base}/config`)).text();

    const [record] = callRecords(out.records());
    expect(record).toMatchObject({ message: 'external_call', http_path: '/config', http_status: 200 });
    expect(record).not.toHaveProperty('correlation_id');
    expect(record).not.toHaveProperty('function_request_id');
  });

  it('gives a call that answers after its request ended the keys of the request that made it', async () => {
    const out = captureLines();
    let pending: Promise<Response> | undefined;
    await invoke(everyCall, async () => {
      pending = fetch(`${base}/held`);
      // the handler returns once the server has the request, without waiting for the answer
      while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
    });

    await invoke(
      everyCall,
      async () => {
        held.shift()?.writeHead(200).end('late');
        await (await pending)?.text();
      },
      'corr-2',
    );

    expect(callRecords(out.records())).toEqual([
      expect.objectContaining({ message: 'external_call', http_path: '/held', correlation_id: 'corr-1' }),
    ]);
  });

  it('is timed once when two copies of the layer are loaded in one process: by the copy that asked last', async () => {
    const first = captureLines();
    let copy: typeof import('@cream/logging') | undefined;
    jest.isolateModules(() => {
      copy = require('@cream/logging');
    });
    const second: string[] = [];
    copy?.setLogSink((line) => second.push(line));
    const handler = middy(async () => {
      await (await fetch(`${base}/orders`)).text();
      return { statusCode: 200 };
    }).use(copy?.requestLogging(everyCall) as ReturnType<typeof requestLogging>);

    await handler(httpApiEvent() as never, lambdaContext());
    // this copy asks again, and takes the channels back
    await invoke(everyCall, () => fetch(`${base}/again`).then((response) => response.text()));

    const paths = (lines: string[]) =>
      callRecords(lines.map((line) => JSON.parse(line))).map((r) => r.http_path);
    expect(paths(second)).toEqual(['/orders']);
    expect(paths(first.lines)).toEqual(['/again']);
    copy?.setLogSink(undefined);
  });

  it('does not count an AWS SDK call (node:http) again: only instrumentClient records it', async () => {
    const db = instrumentClient(
      new DynamoDBClient({
        endpoint: base,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
      }),
      { slowMs: 0 },
    );
    const out = captureLines();

    await invoke(everyCall, () =>
      db.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: '1' } } })),
    );

    expect(received.map((request) => request.headers['x-amz-target'])).toEqual(['DynamoDB_20120810.GetItem']);
    expect(out.records().map((record) => record.message)).toEqual(['db_query', 'request_completed']);
  });
});

describe('the correlation id on outgoing calls', () => {
  it('is sent to an allow-listed host', async () => {
    captureLines(); // the header is under test, not the records: keep them off the test output
    await invoke(
      { httpClient: { propagateCorrelationIdTo: ['api.internal.example.com', '127.0.0.1'] } },
      () => fetch(`${base}/orders`).then((response) => response.text()),
    );

    expect(received[0]?.headers['x-correlation-id']).toBe('corr-1');
  });

  it('is not sent to any other host, nor by default', async () => {
    captureLines(); // the header is under test, not the records: keep them off the test output
    await invoke({ httpClient: { propagateCorrelationIdTo: ['api.internal.example.com', '*.0.0.1'] } }, () =>
      fetch(`${base}/a`).then((response) => response.text()),
    );
    await invoke({}, () => fetch(`${base}/b`).then((response) => response.text()));

    expect(received.map((request) => request.headers['x-correlation-id'])).toEqual([undefined, undefined]);
  });

  it("keeps the caller's own header: one value, the caller's", async () => {
    captureLines(); // the header is under test, not the records: keep them off the test output
    await invoke({ httpClient: { propagateCorrelationIdTo: ['127.0.0.1'] } }, () =>
      fetch(`${base}/orders`, { headers: { 'X-Correlation-Id': 'set-by-handler' } }).then((response) =>
        response.text(),
      ),
    );

    expect(received[0]?.headers['x-correlation-id']).toBe('set-by-handler');
  });

  it('matches exact hosts and the subdomains of a *.domain, never its apex, lookalikes or IPs by wildcard', () => {
    const allowed = hostMatcher(['api.internal.example.com', '*.svc.local', '*.0.0.1', '10.0.0.7']);
    const hosts = ['API.internal.example.com', 'orders.svc.local', 'a.b.svc.local', '10.0.0.7'];
    const others = ['svc.local', 'evilsvc.local', 'svc.local.evil.com', 'internal.example.com', '127.0.0.1'];

    expect(hosts.map(allowed)).toEqual(hosts.map(() => true));
    expect(others.map(allowed)).toEqual(others.map(() => false));
  });

  it('rejects an allow-list entry that is not a host name, when the middleware is created', () => {
    for (const pattern of ['*', 'https://api.example.com', 'api.example.com/v1', '']) {
      expect(() => requestLogging({ httpClient: { propagateCorrelationIdTo: [pattern] } })).toThrow(
        /propagateCorrelationIdTo/,
      );
    }
  });
});

describe('what an outgoing call never writes', () => {
  const jwt = (secret: string) => `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI${secret}.c2lnbmF0dXJl${secret}`;
  /** Where a call carries secrets: the query (any key), after a sensitive word, a JWT or an id anywhere. */
  const shapes: readonly ((secret: string) => string)[] = [
    (secret) => `/orders?page=2&api_key=${secret}`,
    (secret) => `/search?q=${secret}`,
    (secret) => `/v2/reset/${secret}`,
    (secret) => `/verify/email/${secret}/done`,
    (secret) => `/invite/${secret}/accept`,
    (secret) => `/sessions/${secret}`,
    (secret) => `/files/${jwt(secret)}/meta`,
    (secret) => `/customers/cus${secret}9/orders`,
    (secret) => `/shop;jsessionid=${secret}/cart`,
  ];

  it('a secret in the query string or the path, in any of the shapes it takes (generated)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[A-Za-z0-9]{16,40}$/),
        fc.integer({ min: 0, max: shapes.length - 1 }),
        async (secret, shape) => {
          const out = captureLines();
          const path = (shapes[shape] as (value: string) => string)(secret);
          await invoke(everyCall, () => fetch(`${base}${path}`).then((response) => response.text()));

          const [record] = callRecords(out.records());
          // the call was recorded, and the server did get the secret: only the record must not
          expect(record?.http_status).toBe(200);
          expect(received.at(-1)?.url).toContain(secret);
          expect(out.lines.join('\n')).not.toContain(secret);
          received.splice(0);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('keeps the route readable: plain segments stay, ids become {id} (negative control)', async () => {
    const out = captureLines();

    await invoke(everyCall, async () => {
      for (const path of [
        '/v2/orders/items',
        '/reset/password',
        '/users/42/orders/0b6c1f7e-1111-4000-8000-000000034999',
        '/api/orders?page=2',
      ]) {
        await (await fetch(`${base}${path}`)).text();
      }
    });

    expect(callRecords(out.records()).map((record) => record.http_path)).toEqual([
      '/v2/orders/items',
      '/reset/password',
      '/users/{id}/orders/{id}',
      '/api/orders',
    ]);
  });
});
