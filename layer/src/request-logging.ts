/**
 * The Middy middleware: per invocation a high-resolution timer, a correlation id on every record, exactly one
 * `request_completed` (with EMF metrics) for a request that returns, `request_failed` for one that throws, and
 * `request_timeout` shortly before Lambda would kill it, so no request is ever silent.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import {
  correlationHeader,
  defaultCorrelationHeaders,
  resolveCorrelationId,
  withCorrelationHeader,
} from './correlation-id';
import { logger } from './cream-logger';
import { describeEvent, type EventInfo } from './http-event';
import { writeEvent } from './log-event';
import { requestMetrics } from './request-metrics';

export interface RequestLoggingOptions {
  /** Headers that carry a caller's correlation id, first match wins. @default ['x-correlation-id', 'x-request-id'] */
  readonly correlationIdHeaders?: readonly string[];
  /** How long before the Lambda timeout `request_timeout` is written. @default 100 */
  readonly timeoutMarginMs?: number;
  /** Share of requests (0..1) whose buffered debug records are printed even when they succeed. @default 0 */
  readonly debugSampleRate?: number;
  /** Merge RequestLatency/RequestCount/ColdStart EMF metrics into the request's record. @default true */
  readonly metrics?: boolean;
  /** Extra key names whose values are redacted, on top of the built-in list. @default [] */
  readonly redactKeys?: readonly string[];
  /** Upper bound of one record in bytes (at most 256 KB). @default 262144 */
  readonly maxRecordBytes?: number;
}

const defaults = {
  correlationIdHeaders: defaultCorrelationHeaders,
  timeoutMarginMs: 100,
  debugSampleRate: 0,
  metrics: true,
  redactKeys: [] as readonly string[],
  maxRecordBytes: 256 * 1024,
};

interface RequestState {
  readonly started: bigint;
  readonly info: EventInfo;
  readonly coldStart: boolean;
  readonly sampled: boolean;
  timer?: NodeJS.Timeout;
  timedOut: boolean;
}

const elapsedMs = (started: bigint): number =>
  Math.round(Number(process.hrtime.bigint() - started) / 1e3) / 1e3;

const statusOf = (response: unknown): number | undefined => {
  const status = (response as { statusCode?: unknown } | null | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
};

const isTimeoutError = (error: unknown): boolean =>
  (error as { name?: unknown } | null)?.name === 'TimeoutError';

export const requestLogging = (options: RequestLoggingOptions = {}): MiddlewareObj => {
  const config = { ...defaults, ...options };
  logger.configureRecords({ redaction: { keys: config.redactKeys }, maxRecordBytes: config.maxRecordBytes });
  const states = new WeakMap<Request, RequestState>();

  const metricsFor = (state: RequestState, durationMs: number) =>
    config.metrics ? requestMetrics({ durationMs, coldStart: state.coldStart }) : undefined;

  const writeTimeout = (state: RequestState, remainingMs: number): void => {
    state.timedOut = true;
    logger.flushBuffer();
    const durationMs = elapsedMs(state.started);
    const fields = { ...state.info.http, duration_ms: durationMs, remaining_ms: remainingMs };
    writeEvent('request_timeout', fields, { emf: metricsFor(state, durationMs) });
  };

  /** Ends the request's scope: nothing it set may reach the next invocation or keep the event loop alive. */
  const finish = (request: Request): void => {
    const state = states.get(request);
    if (state?.timer) clearTimeout(state.timer);
    states.delete(request);
    logger.resetKeys();
  };

  const requestLoggingBefore = (request: Request): void => {
    try {
      logger.resetKeys();
      const started = process.hrtime.bigint();
      const { context } = request;
      const info = describeEvent(request.event);
      const state: RequestState = {
        started,
        info,
        // Powertools' rule: the first on-demand invocation of this environment (provisioned concurrency is warm)
        coldStart: logger.takeColdStart(),
        sampled: config.debugSampleRate > 0 && Math.random() < config.debugSampleRate,
        timedOut: false,
      };
      states.set(request, state);
      if (context?.awsRequestId) logger.addContext(context);
      logger.appendKeys({
        correlation_id: resolveCorrelationId(info, context?.awsRequestId, config.correlationIdHeaders),
        cold_start: state.coldStart,
      });
      writeEvent('request_started', { ...info.http });
      const remaining =
        typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : 0;
      if (remaining > config.timeoutMarginMs) {
        state.timer = setTimeout(
          () => writeTimeout(state, config.timeoutMarginMs),
          remaining - config.timeoutMarginMs,
        );
      }
    } catch {
      // logging must never stop the handler from running
    }
  };

  const requestLoggingAfter = (request: Request): void => {
    const state = states.get(request);
    if (!state) return;
    try {
      const status = statusOf(request.response);
      const failed = status !== undefined && status >= 500;
      if (state.info.http)
        request.response = withCorrelationHeader(request.response, String(logger.getCorrelationId()));
      // a 5xx or a sampled request shows its debug context; everything else drops it
      if (failed || state.sampled) logger.flushBuffer();
      else logger.clearBuffer();
      const durationMs = elapsedMs(state.started);
      const fields = {
        ...state.info.http,
        status_code: status,
        duration_ms: durationMs,
        event_source: state.info.eventSource,
      };
      // metrics were already counted by request_timeout if the handler finished inside the margin
      writeEvent('request_completed', fields, {
        level: failed ? 'ERROR' : 'INFO',
        emf: state.timedOut ? undefined : metricsFor(state, durationMs),
      });
    } catch {
      // never turn a successful response into a failure because of logging
    } finally {
      finish(request);
    }
  };

  const requestLoggingOnError = (request: Request): void => {
    const state = states.get(request);
    if (!state) return;
    try {
      if (isTimeoutError(request.error)) {
        if (!state.timedOut) writeTimeout(state, 0);
      } else {
        logger.flushBuffer();
        const durationMs = elapsedMs(state.started);
        const fields = {
          ...state.info.http,
          status_code: statusOf(request.response),
          duration_ms: durationMs,
        };
        writeEvent('request_failed', fields, { error: request.error, emf: metricsFor(state, durationMs) });
      }
      if (state.info.http && request.response !== undefined) {
        request.response = withCorrelationHeader(request.response, String(logger.getCorrelationId()));
      }
    } catch {
      // the original error is what Middy rethrows; logging adds nothing to it
    } finally {
      finish(request);
    }
  };

  return {
    name: 'requestLogging',
    before: requestLoggingBefore,
    after: requestLoggingAfter,
    onError: requestLoggingOnError,
  };
};

export { correlationHeader };
