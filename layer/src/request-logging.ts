/**
 * The Middy middleware: per invocation a high-resolution timer, a correlation id on every record, exactly one
 * `request_completed` (with EMF metrics) for a request that returns, `request_failed` for one that throws, and
 * `request_timeout` shortly before Lambda would kill it, so no request is ever silent. Its records are written
 * directly (`request-record.ts`); `request_started` (DEBUG) is built only if it is printed. Options stay with
 * the instance and its requests (a second `requestLogging()` in the same process changes nothing of the first).
 */
// Middy ships ES modules only and the package is CommonJS: its types are imported in import mode, so the
// emitted declarations resolve them for a consumer too (TypeScript would look for a `require` export).
import type { MiddlewareObj, Request } from '@middy/core' with { 'resolution-mode': 'import' };
import { defaultCorrelationHeaders, withCorrelationHeader } from './correlation-id';
import { type HttpClientOptions, httpClientSettings, timeHttpClientCalls } from './http-client-timing';
import { isPrinted } from './log-level';
import { memorySampler, type ResourceUsageOptions } from './memory-usage';
import { type RecordSettings, recordSettings } from './record-formatter';
import { type MeasuredRecord, writeMeasured, writeRequestRecord } from './request-record';
import { clearRequest, flushRequest, leaveRequest } from './request-scope';
import { elapsedMs, openRequest, type RequestState } from './request-state';
import { remainingTime, timeoutDelay } from './timeout-delay';

export interface RequestLoggingOptions {
  /** Headers that carry a caller's correlation id, first match wins. @default ['x-correlation-id', 'x-request-id'] */
  readonly correlationIdHeaders?: readonly string[];
  /** How long before the Lambda timeout `request_timeout` is written (halfway there when less is left). @default 100 */
  readonly timeoutMarginMs?: number;
  /** Share of requests (0..1) whose buffered debug records are printed even when they succeed. @default 0 */
  readonly debugSampleRate?: number;
  /** Merge RequestLatency/ColdStart EMF metrics into the request's record. @default true */
  readonly metrics?: boolean;
  /** Extra key names whose values are redacted, on top of the built-in list, in this middleware's requests. @default [] */
  readonly redactKeys?: readonly string[];
  /** Upper bound of one record in bytes, clamped to 1 KB..256 KB. @default 262144 */
  readonly maxRecordBytes?: number;
  /**
   * Outgoing `fetch` calls of its requests timed as `external_call` / `external_service_error`, and which hosts
   * get the correlation id (`http-client-timing.ts`); `false` turns both off. @default {} (timed, no id sent)
   */
  readonly httpClient?: false | HttpClientOptions;
  /**
   * Memory (RSS, heap, share of the configured memory) on the final record of the cold start and of a request
   * above `memoryThreshold` of it (`memory-usage.ts`); `false` turns it off. @default {} (threshold 0.8)
   */
  readonly resourceUsage?: false | ResourceUsageOptions;
}

const defaults = {
  correlationIdHeaders: defaultCorrelationHeaders,
  timeoutMarginMs: 100,
  debugSampleRate: 0,
  metrics: true,
  redactKeys: [] as readonly string[],
  maxRecordBytes: 256 * 1024,
};

const statusOf = (response: unknown): number | undefined => {
  const status = (response as { statusCode?: unknown } | null | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
};

const isTimeoutError = (error: unknown): boolean =>
  (error as { name?: unknown } | null)?.name === 'TimeoutError';

export const requestLogging = (options: RequestLoggingOptions = {}): MiddlewareObj => {
  const config = { ...defaults, ...options };
  const settings: RecordSettings = recordSettings(config);
  const httpClient = config.httpClient === false ? undefined : httpClientSettings(config.httpClient);
  if (httpClient) timeHttpClientCalls(httpClient);
  const openOptions = { ...config, settings, httpClient };
  const sampleMemory = config.resourceUsage === false ? undefined : memorySampler(config.resourceUsage);
  // the request's state rides on Middy's request object, under a key of this instance (cheaper than a WeakMap)
  const stateKey = Symbol('requestLogging');
  type WithState = Request & { [stateKey]?: RequestState };
  const stateOf = (request: Request): RequestState | undefined => (request as WithState)[stateKey];

  /** The memory fields this request's final record carries, if any; never throws. */
  const memoryOf = (state: RequestState) => {
    try {
      return sampleMemory?.(state.started, state.keys.cold_start === true);
    } catch {
      return undefined;
    }
  };

  /**
   * The request's final record, with its metrics unless they are off or request_timeout counted them, and the
   * memory fields on the cold start or above the threshold.
   */
  const writeFinal = (state: RequestState, record: Omit<MeasuredRecord, 'keys'>) => {
    const memory = memoryOf(state);
    const fields = memory === undefined ? record.fields : { ...record.fields, ...memory };
    writeMeasured({ ...record, fields, keys: state.keys }, config.metrics && !state.timedOut, settings);
  };

  /** `request_timeout`, with the time Lambda still gives the request (the context's own count). */
  const writeTimeout = (state: RequestState, context: Request['context']): void => {
    flushRequest(state.scope);
    const remainingMs = Math.max(0, remainingTime(context));
    const fields = { ...state.info.http, duration_ms: elapsedMs(state.started), remaining_ms: remainingMs };
    writeFinal(state, { name: 'request_timeout', level: 'ERROR', fields });
    // metrics are counted once: a request that still completes after this writes none
    state.timedOut = true;
  };

  /** Opens the request's scope. Also called from `after`/`onError` when `before` never ran for it. */
  const begin = (request: Request): RequestState => {
    const state = openRequest(request, openOptions);
    (request as WithState)[stateKey] = state;
    return state;
  };

  /** Ends the request's scope: nothing it set may reach the next invocation or keep the event loop alive. */
  const finish = (request: Request, state: RequestState): void => {
    if (state.timer) clearTimeout(state.timer);
    (request as WithState)[stateKey] = undefined;
    leaveRequest(state.scope);
  };

  /**
   * Middy skips every later hook, this middleware's `after` and `onError` too, when a middleware used after it
   * answers early (a cache hit, a warm-up ping, an auth short-circuit). It still assigns the early answer to
   * `request.response`, so the assignment ends the request here: its final record, its correlation header, and
   * no timer left to write a false `request_timeout` at the next thaw.
   */
  const endOnEarlyResponse = (request: Request): void => {
    let response: unknown = request.response;
    let ending = false;
    Object.defineProperty(request, 'response', {
      configurable: true,
      enumerable: true,
      get: () => response,
      set: (value: unknown) => {
        response = value;
        if (ending || !('earlyResponse' in request) || stateOf(request) === undefined) return;
        ending = true;
        if (request.error === undefined) requestLoggingAfter(request);
        else requestLoggingOnError(request);
      },
    });
  };

  const requestLoggingBefore = (request: Request): void => {
    try {
      const startedAt = Date.now();
      const state = begin(request);
      endOnEarlyResponse(request);
      // request_started is DEBUG: printed now at DEBUG level; else, like every debug record, buffered when
      // there is a trace id to key the buffer (Powertools' rule), and built only if the buffer is flushed
      const writeStarted = () =>
        writeRequestRecord(
          { name: 'request_started', level: 'DEBUG', keys: state.keys, fields: { ...state.info.http } },
          settings,
          startedAt,
        );
      if (isPrinted('DEBUG')) writeStarted();
      else if (state.keys.xray_trace_id !== undefined) state.scope.pendingDebug = writeStarted;
      const remaining = remainingTime(request.context);
      const delay = timeoutDelay(remaining, config.timeoutMarginMs);
      if (delay !== undefined) {
        state.timer = setTimeout(() => writeTimeout(state, request.context), delay);
      }
    } catch {
      // logging must never stop the handler from running
    }
  };

  const requestLoggingAfter = (request: Request): void => {
    let state: RequestState | undefined;
    try {
      state = stateOf(request) ?? begin(request);
      const status = statusOf(request.response);
      const failed = status !== undefined && status >= 500;
      if (state.info.http)
        request.response = withCorrelationHeader(request.response, String(state.keys.correlation_id));
      // a 5xx or a sampled request shows its debug context; everything else drops it
      if (failed || state.sampled) flushRequest(state.scope);
      else clearRequest(state.scope);
      const fields = {
        ...state.info.http,
        status_code: status,
        duration_ms: elapsedMs(state.started),
        // the trigger of an HTTP function is in its route; only non-HTTP records name their source
        event_source: state.info.http ? undefined : state.info.eventSource,
      };
      writeFinal(state, { name: 'request_completed', level: failed ? 'ERROR' : 'INFO', fields });
    } catch {
      // never turn a successful response into a failure because of logging
    } finally {
      if (state) finish(request, state);
    }
  };

  /**
   * Also runs when a middleware placed before this one threw in `before` (Middy runs every `onError`): the
   * request then gets its `request_failed` from here, timed from this point.
   */
  const requestLoggingOnError = (request: Request): void => {
    let state: RequestState | undefined;
    try {
      state = stateOf(request) ?? begin(request);
      if (isTimeoutError(request.error)) {
        if (!state.timedOut) writeTimeout(state, request.context);
      } else {
        flushRequest(state.scope);
        const fields = {
          ...state.info.http,
          status_code: statusOf(request.response),
          duration_ms: elapsedMs(state.started),
        };
        writeFinal(state, { name: 'request_failed', level: 'ERROR', fields, error: request.error });
      }
      if (state.info.http && request.response !== undefined) {
        request.response = withCorrelationHeader(request.response, String(state.keys.correlation_id));
      }
    } catch {
      // the original error is what Middy rethrows; logging adds nothing to it
    } finally {
      if (state) finish(request, state);
    }
  };

  return {
    name: 'requestLogging',
    before: requestLoggingBefore,
    after: requestLoggingAfter,
    onError: requestLoggingOnError,
  };
};
