import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AccessLogContext } from './access-log';
import type { FunctionHost } from './function-host';
import type { Invocation } from './function-pool';
import { clfTime, toHttpApiEvent } from './http-event';
import {
  gatewayError,
  type HttpResponse,
  jsonResponse,
  toHttpResponse,
  writeHttpResponse,
} from './http-response';
import type { RouteTable } from './route-table';

/** HTTP API's payload limit: larger requests never reach the function. */
const MaxRequestBytes = 10 * 1024 * 1024;

export interface ApiServerOptions {
  readonly port: number;
  readonly routes: RouteTable;
  readonly host: FunctionHost;
  readonly apiId: string;
  readonly accountId: string;
  /** `/_local/<name>` JSON endpoints (alarms, metrics). */
  readonly localEndpoints: Readonly<Record<string, () => unknown>>;
  /** After each API request, whatever happened (for alarm evaluation and the console). */
  readonly onRequest: (summary: RequestSummary) => void;
  /** The web console's routes (tools/local/web): true when it answered the request itself. */
  readonly webConsole?: (request: http.IncomingMessage, response: http.ServerResponse) => boolean;
}

export interface RequestSummary {
  readonly method: string;
  readonly path: string;
  readonly statusCode: number;
  readonly functionName?: string;
  readonly invocation?: Invocation & { readonly requestId?: string };
  /** The `$context` values of the stage's access log. */
  readonly access: AccessLogContext;
}

/** API Gateway's request id shape (`AbCdEfGhIjKlMnO=`): 15 random base64 characters and a pad. */
const gatewayRequestId = (): string => `${randomBytes(11).toString('base64').slice(0, 15)}=`;

class PayloadTooLarge extends Error {}

const readBody = (request: http.IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MaxRequestBytes) reject(new PayloadTooLarge());
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

/**
 * The HTTP API: route the request, invoke the route's function with a payload 2.0 event, and answer like API
 * Gateway (the function's response mapped by the 2.0 rules; 404, 413, 500 and 503 with API Gateway's own
 * bodies). Binds to loopback only: the demo user and a permissive local stack must not face the network.
 */
export const startApiServer = async (
  options: ApiServerOptions,
): Promise<{ port: number; close(): Promise<void> }> => {
  /** `internal`: a `/_local` answer, which API Gateway would never have seen (no access log, no evaluation). */
  type Handled = {
    result: HttpResponse;
    /** Set when API Gateway answered itself: its `$context.error.message`. */
    gatewayMessage?: string;
    summary: Partial<RequestSummary>;
    routeKey?: string;
    internal?: boolean;
  };
  const handle = async (request: http.IncomingMessage, gatewayId: string, now: number): Promise<Handled> => {
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const local = path.startsWith('/_local/')
      ? options.localEndpoints[path.slice('/_local/'.length)]
      : undefined;
    if (local && method === 'GET') {
      return { result: jsonResponse(200, local(), 2), summary: {}, internal: true };
    }
    let body: Buffer;
    try {
      body = await readBody(request);
    } catch (error) {
      if (error instanceof PayloadTooLarge)
        return {
          result: gatewayError(413, 'Request Entity Too Large'),
          gatewayMessage: 'Request Entity Too Large',
          summary: {},
        };
      throw error;
    }
    const match = options.routes.match(method, path);
    const pool = match ? options.host.pool(match.route.functionName) : undefined;
    if (!match || !pool)
      return { result: gatewayError(404, 'Not Found'), gatewayMessage: 'Not Found', summary: {} };
    const event = toHttpApiEvent(request, body, {
      routeKey: match.route.routeKey,
      pathParameters: match.pathParameters,
      requestId: gatewayId,
      apiId: options.apiId,
      accountId: options.accountId,
      now,
    });
    const invocation = (await options.host.invoke(pool.functionName, event, now))!;
    const { outcome } = invocation;
    let result: HttpResponse;
    let gatewayMessage: string | undefined;
    if (outcome.kind === 'result') result = toHttpResponse(outcome.value);
    else {
      // The host already logged a timeout the way Lambda does.
      gatewayMessage = outcome.kind === 'timeout' ? 'Service Unavailable' : 'Internal Server Error';
      result = gatewayError(outcome.kind === 'timeout' ? 503 : 500, gatewayMessage);
    }
    return {
      result,
      gatewayMessage,
      summary: { functionName: pool.functionName, invocation },
      routeKey: match.route.routeKey,
    };
  };

  const server = http.createServer(async (request, response) => {
    if (options.webConsole?.(request, response)) return;
    const gatewayId = gatewayRequestId();
    const now = Date.now();
    let handled: Handled;
    try {
      handled = await handle(request, gatewayId, now);
    } catch {
      handled = {
        result: gatewayError(500, 'Internal Server Error'),
        gatewayMessage: 'Internal Server Error',
        summary: {},
      };
    }
    const { result, summary, routeKey } = handled;
    writeHttpResponse(response, result, { 'apigw-requestid': gatewayId });
    if (handled.internal) return;
    const invocation = summary.invocation;
    const outcome = invocation?.outcome;
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    options.onRequest({
      method,
      path,
      statusCode: result.statusCode,
      ...summary,
      access: {
        requestId: gatewayId,
        sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        userAgent: String(request.headers['user-agent'] ?? ''),
        requestTimeEpoch: now,
        requestTime: clfTime(now),
        httpMethod: method,
        routeKey,
        path,
        protocol: `HTTP/${request.httpVersion}`,
        status: result.statusCode,
        responseLength: result.body.length,
        responseLatency: Date.now() - now,
        integrationLatency:
          invocation && Math.round(invocation.durationMs + (invocation.initDurationMs ?? 0)),
        // Lambda's invoke API answers 200 even for a function error; a timeout gets no answer at all.
        integrationStatus: outcome && outcome.kind !== 'timeout' ? 200 : undefined,
        errorMessage: handled.gatewayMessage,
        awsEndpointRequestId: invocation?.requestId,
        integrationErrorMessage:
          outcome?.kind === 'timeout'
            ? 'Network error communicating with endpoint'
            : outcome?.kind === 'error' || outcome?.kind === 'crash'
              ? `The Lambda function returned the following error: ${outcome.error.errorType}`
              : undefined,
      },
    });
  });
  // Keep-alive sockets would hold shutdown open; API Gateway's own idle timeout is far shorter anyway.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
