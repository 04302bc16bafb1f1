/**
 * `@cream/logging`: the one import a function needs. Few names on purpose: the catalog, the logger and
 * `logEvent`, the Middy middleware, the SDK instrumentation, and the redaction helpers.
 */

export type { CreamLogger } from './cream-logger';
export { logger } from './cream-logger';
export type {
  Category,
  EventFields,
  EventFieldValue,
  EventName,
  FieldName,
  Level,
} from './event-catalog';
export { catalog, categories, eventsOfCategory, recordKeys } from './event-catalog';
export type { HttpClientOptions } from './http-client-timing';
export type { InstrumentOptions, SdkClientLike } from './instrument-client';
export { instrumentClient } from './instrument-client';
export type { LogEventOptions } from './log-event';
export { logEvent } from './log-event';
export type { LogSink } from './log-sink';
export { setLogSink } from './log-sink';
export type { ResourceUsageOptions } from './memory-usage';
export { metricNames } from './metric-names';
export type { RedactionOptions } from './redaction';
export { maskEmail, redact } from './redaction';
export type { RequestLoggingOptions } from './request-logging';
export { requestLogging } from './request-logging';
