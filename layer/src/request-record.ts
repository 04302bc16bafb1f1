/**
 * The middleware's own records, written directly: the flat record is built by the shared `formatRecord`
 * (the same shape `logger`/`logEvent` produce), stringified once and written through the sink, without
 * Powertools (not even loaded for them) and its per-call machinery. Never throws.
 */
import { catalog, type Level } from './event-catalog';
import { isPrinted } from './log-level';
import { writeLine } from './log-sink';
import { failureLine, formatRecord, type RecordSettings, type RequestKeys } from './record-formatter';
import { requestMetrics } from './request-metrics';
import type { Json } from './safe-serialize';
import { serviceName } from './service-name';

export type RequestEventName = 'request_started' | 'request_completed' | 'request_failed' | 'request_timeout';

export interface RequestRecord {
  readonly name: RequestEventName;
  readonly level: Level;
  readonly keys: RequestKeys;
  readonly fields: object;
  readonly error?: unknown;
}

/** Writes one record now, whatever the current level (the caller decided it is printed). */
export const writeRequestRecord = (
  record: RequestRecord,
  settings: RecordSettings,
  time: number,
  emf?: Readonly<Record<string, Json>>,
): void => {
  try {
    const { json } = formatRecord(
      {
        time,
        level: record.level,
        service: serviceName,
        message: record.name,
        category: catalog[record.name].category,
        keys: record.keys,
        fields: record.fields,
        error: record.error,
        emf,
      },
      settings,
    );
    writeLine(json);
  } catch (error) {
    writeLine(failureLine(record.name, error));
  }
};

export interface MeasuredRecord extends RequestRecord {
  readonly fields: { readonly duration_ms: number };
}

/**
 * Writes a request's final record, with its metrics in the same line unless `withMetrics` is false (off, or
 * already counted by request_timeout). Below the logger's level (LOG_LEVEL=WARN) the record is dropped but its
 * metrics are not: alarms and dashboards must not depend on the log level, so a bare EMF line (the metric
 * values and the `service` dimension) is written instead.
 */
export const writeMeasured = (
  record: MeasuredRecord,
  withMetrics: boolean,
  settings: RecordSettings,
): void => {
  const printed = isPrinted(record.level);
  if (!printed && !withMetrics) return;
  const time = Date.now();
  let emf: Record<string, Json> | undefined;
  if (withMetrics) {
    try {
      const coldStart = record.keys.cold_start === true;
      emf = requestMetrics({ durationMs: record.fields.duration_ms, coldStart, time });
    } catch {
      // a metrics failure costs the metrics, never the record
    }
  }
  if (printed) writeRequestRecord(record, settings, time, emf);
  else if (emf) writeLine(JSON.stringify({ service: serviceName, ...emf }));
};
