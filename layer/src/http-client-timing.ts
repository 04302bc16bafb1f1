/**
 * Times outgoing HTTP calls made with `fetch` (Node's bundled undici, or an undici the function bundles) without
 * wrapping anything: undici publishes every request on `diagnostics_channel`, and the layer listens.
 * - `undici:request:create`: the call starts; the request in progress (if any) is noted, and its correlation id
 *   is added as `x-correlation-id` when the host is on the middleware's allow-list and the caller set none.
 * - `undici:request:headers`: the response arrived (`external_call`, DEBUG unless slower than `slowMs`). The
 *   duration is the time to the response headers: a streamed body that is never read still gives a record.
 * - `undici:request:error`: the call failed (`http-call-records.ts` has what each case writes).
 * The AWS SDK v3 sends through `node:http`, never through undici, so its calls (timed by `instrumentClient`) are
 * not counted twice. Records carry the keys of the request that made the call, even when it answers late; a call
 * made outside any request (init code) is timed without them.
 */
import { channel, subscribe } from 'node:diagnostics_channel';
import { correlationHeader } from './correlation-id';
import { hostMatcher } from './host-patterns';
import { type Call, recordFailure, recordResponse } from './http-call-records';
import { defaultRecordSettings } from './record-formatter';
import { currentScope, type HttpClientSettings } from './request-scope';
import { routeLikePath } from './route-like-path';

/** undici's request object as the channels hand it over (the fields the layer reads). */
interface UndiciRequest {
  readonly origin?: unknown;
  readonly method?: unknown;
  readonly path?: unknown;
  readonly headers?: unknown;
  addHeader?(name: string, value: string): unknown;
}

const defaultSlowMs = 200;
/** Outside any request (init code): the threshold of the middleware created last, no correlation id to pass on. */
let outsideRequest: HttpClientSettings = { slowMs: defaultSlowMs, propagatesTo: () => false };

const calls = new WeakMap<object, Call>();

/** undici keeps headers as a flat `[name, value, ...]` list (older versions: one `name: value\r\n` string). */
const hasHeader = (headers: unknown, name: string): boolean => {
  if (Array.isArray(headers)) {
    return headers.some((item, i) => i % 2 === 0 && String(item).toLowerCase() === name);
  }
  return (
    typeof headers === 'string' &&
    headers
      .toLowerCase()
      .split('\r\n')
      .some((line) => line.startsWith(`${name}:`))
  );
};

const onCreate = ({ request }: { request: UndiciRequest }): void => {
  const scope = currentScope();
  // a request whose middleware turned HTTP timing off
  if (scope !== undefined && scope.httpClient === undefined) return;
  const settings = scope?.httpClient ?? outsideRequest;
  const url = new URL(String(request.origin));
  const correlationId = scope?.keys.correlation_id;
  if (
    correlationId !== undefined &&
    settings.propagatesTo(url.hostname) &&
    !hasHeader(request.headers, correlationHeader)
  ) {
    request.addHeader?.(correlationHeader, correlationId);
  }
  const path = typeof request.path === 'string' ? request.path : '/';
  calls.set(request, {
    started: process.hrtime.bigint(),
    scope,
    slowMs: settings.slowMs,
    fields: {
      http_method: String(request.method ?? 'GET'),
      http_host: url.host,
      http_path: routeLikePath(path, scope?.settings.policy ?? defaultRecordSettings.policy),
    },
  });
};

const onHeaders = ({ request, response }: { request: UndiciRequest; response: { statusCode?: unknown } }) => {
  const call = calls.get(request);
  if (call !== undefined) recordResponse(call, response.statusCode);
};

const onError = ({ request, error }: { request: UndiciRequest; error: unknown }): void => {
  const call = calls.get(request);
  if (call === undefined) return;
  calls.delete(request);
  recordFailure(call, error);
};

/** Runs a channel handler; whatever happens, the caller's request goes on. */
const guarded =
  <M>(handler: (message: M) => void) =>
  (message: unknown): void => {
    try {
      handler(message as M);
    } catch {
      // an unexpected request shape: that call is not timed, the call itself is unaffected
    }
  };

export interface HttpClientOptions {
  /** Calls slower than this (ms to the response headers) are written at INFO instead of DEBUG. @default 200 */
  readonly slowMs?: number;
  /**
   * Hosts whose requests get the request's correlation id as `x-correlation-id`: exact names or `*.domain`
   * (`['api.internal.example.com', '*.svc.local']`). Third parties get nothing unless listed. @default []
   */
  readonly propagateCorrelationIdTo?: readonly string[];
}

/** The settings a middleware's requests carry; throws on an invalid host pattern (at init, not per request). */
export const httpClientSettings = (options: HttpClientOptions = {}): HttpClientSettings => ({
  slowMs: options.slowMs ?? defaultSlowMs,
  propagatesTo: hostMatcher(options.propagateCorrelationIdTo ?? []),
});

/** Where on a channel the listening copy of the layer is kept (see `listen`). */
const listener = Symbol.for('@cream/logging.http-client-timing');

/**
 * Subscribes once per process and channel, then forwards to the copy of the layer that asked last: two copies in
 * one process (a bundled one next to the layer, the module registries of a test runner) never time a call twice.
 */
const listen = (name: string, handler: (message: unknown) => void): void => {
  const target = channel(name) as ReturnType<typeof channel> & { [listener]?: (message: unknown) => void };
  const first = target[listener] === undefined;
  target[listener] = handler;
  if (first) subscribe(name, (message) => target[listener]?.(message));
};

const handlers = {
  'undici:request:create': guarded(onCreate),
  'undici:request:headers': guarded(onHeaders),
  'undici:request:error': guarded(onError),
};

/**
 * Starts listening (subscribing once per process); `requestLogging()` calls it with its settings unless its
 * `httpClient` option is false, so the copy of the layer whose middleware was created last is the one listening.
 */
export const timeHttpClientCalls = (settings: HttpClientSettings): void => {
  outsideRequest = { slowMs: settings.slowMs, propagatesTo: () => false };
  for (const [name, handler] of Object.entries(handlers)) listen(name, handler);
};
