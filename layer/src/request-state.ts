/**
 * One request as the middleware tracks it, opened in `before` (or in `after`/`onError` when `before` never ran):
 * its high-resolution start, the event's HTTP fields, the keys every record of it carries, and its scope.
 */
import type { Request } from '@middy/core';
import { takeColdStart } from './cold-start';
import { resolveCorrelationId } from './correlation-id';
import { describeEvent, type EventInfo } from './http-event';
import type { RecordSettings, RequestKeys } from './record-formatter';
import { enterRequest, type HttpClientSettings, type RequestScope } from './request-scope';
import { currentTraceId } from './trace-id';

export interface RequestState {
  readonly started: bigint;
  readonly info: EventInfo;
  readonly keys: RequestKeys;
  readonly scope: RequestScope;
  readonly sampled: boolean;
  timer?: NodeJS.Timeout;
  timedOut: boolean;
}

const noHeaders: EventInfo = { headers: new Map() };

const describeSafely = (event: unknown, settings: RecordSettings): EventInfo => {
  try {
    return describeEvent(event, settings.policy);
  } catch {
    return noHeaders;
  }
};

export interface OpenOptions {
  readonly correlationIdHeaders: readonly string[];
  readonly debugSampleRate: number;
  readonly settings: RecordSettings;
  readonly httpClient?: HttpClientSettings;
}

/** Opens the request's scope; never throws (an unreadable event is a request without HTTP fields). */
export const openRequest = (request: Request, options: OpenOptions): RequestState => {
  const started = process.hrtime.bigint();
  const { context } = request;
  const info = describeSafely(request.event, options.settings);
  let correlationId: string | undefined;
  try {
    correlationId = resolveCorrelationId(
      info,
      context?.awsRequestId,
      options.correlationIdHeaders,
      (id) => options.settings.policy.text(id) === id,
    );
  } catch {
    correlationId = context?.awsRequestId;
  }
  const keys: RequestKeys = {
    correlation_id: correlationId,
    // Powertools' rule: the first on-demand invocation of this environment (provisioned concurrency is warm)
    cold_start: takeColdStart() || undefined,
    function_name: context?.functionName,
    function_request_id: context?.awsRequestId,
    xray_trace_id: currentTraceId(),
  };
  return {
    started,
    info,
    keys,
    scope: enterRequest(keys, options.settings, options.httpClient),
    sampled: options.debugSampleRate > 0 && Math.random() < options.debugSampleRate,
    timedOut: false,
  };
};

export const elapsedMs = (started: bigint): number =>
  Math.round(Number(process.hrtime.bigint() - started) / 1e3) / 1e3;
