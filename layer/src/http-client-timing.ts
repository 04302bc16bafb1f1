/**
 * Times outgoing HTTP calls made with `fetch` (Node's bundled undici, or an undici the function bundles) without
 * wrapping anything: undici publishes every request on `diagnostics_channel`, and the layer listens.
 * - `undici:request:create`: the call starts; the request in progress (if any) is noted, and its correlation id
 *   is added as `x-correlation-id` when the host is on the middleware's allow-list and the caller set none.
 * - `undici:request:headers`: the response arrived; `external_call` is written (DEBUG, INFO when slower than
 *   `slowMs`, so a fast call costs nothing unless the request fails), plus `external_service_error` for a 5xx.
 *   The duration is the time to the response headers: a streamed body that is never read still gives a record.
 * - `undici:request:error`: no response (refused, reset, DNS, timeout, abort): `external_call` with outcome
 *   `failure` and `external_service_error` with the error's code; an error after the headers (a body cut off)
 *   writes the error record only.
 * The AWS SDK v3 sends through `node:http`, never through undici, so its calls (timed by `instrumentClient`) are
 * not counted twice. Records carry the keys of the request that made the call, even when it answers late; a call
 * made outside any request (init code) is timed without them.
 */
import { channel, subscribe } from 'node:diagnostics_channel';
import { correlationHeader } from './correlation-id';
import { catalog, type Level } from './event-catalog';
import { hostMatcher } from './host-patterns';
import { isPrinted } from './log-level';
import { writeLine } from './log-sink';
import { defaultRecordSettings, failureLine, formatRecord } from './record-formatter';
import {
  currentScope,
  deferDebugRecord,
  flushRequest,
  type HttpClientSettings,
  type RequestScope,
} from './request-scope';
import { routeLikePath } from './route-like-path';
import { serviceName } from './service-name';

/** undici's request object as the channels hand it over (the fields the layer reads). */
interface UndiciRequest {
  readonly origin?: unknown;
  readonly method?: unknown;
  readonly path?: unknown;
  readonly headers?: unknown;
  addHeader?(name: string, value: string): unknown;
}

interface Call {
  readonly started: bigint;
  readonly scope: RequestScope | undefined;
  readonly slowMs: number;
  readonly fields: { readonly http_method: string; readonly http_host: string; readonly http_path: string };
  status?: number;
}

const defaultSlowMs = 200;
/** Outside any request (init code): the threshold of the middleware created last, no correlation id to pass on. */
let outsideRequest: HttpClientSettings = { slowMs: defaultSlowMs, propagatesTo: () => false };

const calls = new WeakMap<object, Call>();

const elapsedMs = (started: bigint): number =>
  Math.round(Number(process.hrtime.bigint() - started) / 1e3) / 1e3;

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

/** Writes one record with the keys of the request that made the call. */
const write = (
  call: Call,
  name: 'external_call' | 'external_service_error',
  level: Level,
  fields: object,
  error?: unknown,
) => {
  const { scope } = call;
  const time = Date.now();
  const line = () => {
    try {
      const parts = { time, level, service: serviceName, message: name, category: catalog[name].category };
      const record = { ...parts, keys: scope?.keys, fields, error };
      writeLine(formatRecord(record, scope?.settings ?? defaultRecordSettings).json);
    } catch (failure) {
      writeLine(failureLine(name, failure));
    }
  };
  const inRequest = scope !== undefined && currentScope() === scope;
  if (isPrinted(level)) {
    // like an error logged through `logger`: the request's buffered debug records come first
    if (level === 'ERROR' && inRequest) flushRequest(scope);
    line();
  } else if (level === 'DEBUG' && inRequest) deferDebugRecord(scope, line);
};

const errorCode = (error: unknown): string => {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  if (typeof code === 'string' && code !== '') return code;
  return typeof name === 'string' && name !== '' ? name : 'UnknownError';
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
  if (call === undefined || call.status !== undefined) return;
  const status = typeof response.statusCode === 'number' ? response.statusCode : 0;
  call.status = status;
  const duration = elapsedMs(call.started);
  const level = duration > call.slowMs ? 'INFO' : 'DEBUG';
  const outcome = status > 0 && status < 400 ? 'success' : 'failure';
  write(call, 'external_call', level, {
    ...call.fields,
    http_status: status,
    duration_ms: duration,
    outcome,
  });
  if (status >= 500) {
    const fields = {
      ...call.fields,
      http_status: status,
      error_code: `HTTP_${status}`,
      duration_ms: duration,
    };
    write(call, 'external_service_error', 'ERROR', fields);
  }
};

const onError = ({ request, error }: { request: UndiciRequest; error: unknown }): void => {
  const call = calls.get(request);
  if (call === undefined) return;
  calls.delete(request);
  const duration = elapsedMs(call.started);
  if (call.status === undefined) {
    const level = duration > call.slowMs ? 'INFO' : 'DEBUG';
    write(call, 'external_call', level, { ...call.fields, duration_ms: duration, outcome: 'failure' });
  }
  const fields = {
    ...call.fields,
    http_status: call.status,
    error_code: errorCode(error),
    duration_ms: duration,
  };
  write(call, 'external_service_error', 'ERROR', fields, error);
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
