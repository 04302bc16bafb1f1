/**
 * The record contract: one flat snake_case JSON object, keys in a stable order (contract keys first, then the
 * event's fields, then EMF metrics), every value JSON-safe, redacted and size-guarded before Powertools
 * stringifies it. Function ARN and memory size are dropped: CloudWatch already knows them per log stream.
 */
import { LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import type { Category } from './event-catalog';
import { type RedactionOptions, redactJsonValue } from './redaction';
import { type Json, toJsonSafe } from './safe-serialize';
import { defaultMaxRecordBytes, guardSize } from './size-guard';

/**
 * The attribute an event travels under from `logEvent` to the formatter. One wrapper key keeps Powertools
 * from dropping fields it reserves for itself (`service` is one, and the SDK events have a `service` field).
 */
export const eventAttribute = 'cream_event';

export interface EventPayload {
  readonly category: Category;
  readonly fields: object;
  readonly error?: unknown;
  /** CloudWatch EMF keys (`_aws` and metric values) merged into this record, never redacted. */
  readonly emf?: Readonly<Record<string, unknown>>;
}

export interface RecordOptions {
  redaction?: RedactionOptions;
  maxRecordBytes?: number;
}

/** The contract keys in record order; a field with one of these names is written as `field_<name>`. */
export const contractKeys = [
  'timestamp',
  'level',
  'service',
  'message',
  'category',
  'correlation_id',
  'cold_start',
  'function_name',
  'function_request_id',
  'xray_trace_id',
] as const;
const contractKeySet: ReadonlySet<string> = new Set(contractKeys);

const isPayload = (value: unknown): value is EventPayload =>
  typeof value === 'object' && value !== null && 'category' in value && 'fields' in value;

export class CreamLogFormatter extends LogFormatter {
  readonly options: RecordOptions = {};

  public override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    try {
      return new LogItem({ attributes: this.buildRecord(attributes, additional) });
    } catch (error) {
      // the record could not be built: still one valid line saying so, never an exception
      return new LogItem({
        attributes: {
          timestamp: new Date().toISOString(),
          level: 'ERROR',
          message: String(attributes.message ?? 'log_failure'),
          log_error: error instanceof Error ? error.message : 'unknown',
        },
      });
    }
  }

  private buildRecord(attributes: UnformattedAttributes, additional: LogAttributes): Record<string, Json> {
    const {
      [eventAttribute]: rawPayload,
      correlation_id: correlationId,
      cold_start: requestColdStart,
      ...appended
    } = additional;
    const payload = isPayload(rawPayload) ? rawPayload : undefined;
    const context = attributes.lambdaContext;
    const base: Record<string, unknown> = {
      timestamp: this.formatTimestamp(attributes.timestamp),
      level: attributes.logLevel,
      service: attributes.serviceName,
      message: attributes.message,
      category: payload?.category,
      correlation_id: correlationId,
      cold_start: requestColdStart ?? context?.coldStart,
      function_name: context?.functionName,
      function_request_id: context?.awsRequestId,
      xray_trace_id: attributes.xRayTraceId,
    };
    const record: Record<string, Json> = {};
    for (const [key, value] of Object.entries(base)) {
      if (value !== undefined && value !== null && value !== '') record[key] = toJsonSafe(value);
    }
    const fields = {
      ...appended,
      ...(payload?.fields as Record<string, unknown> | undefined),
      ...(payload?.error !== undefined && { error: payload.error }),
    };
    const safeFields = redactJsonValue(toJsonSafe(fields), this.options.redaction);
    if (safeFields !== null && typeof safeFields === 'object' && !Array.isArray(safeFields)) {
      for (const [key, value] of Object.entries(safeFields)) {
        record[contractKeySet.has(key) ? `field_${key}` : key] = value;
      }
    }
    const protectedKeys = new Set<string>(contractKeys);
    for (const [key, value] of Object.entries(payload?.emf ?? {})) {
      // the EMF `service` dimension is the same service name as the contract key: keep the contract's value
      if (!contractKeySet.has(key)) record[key] = toJsonSafe(value);
      protectedKeys.add(key);
    }
    return guardSize(record, this.options.maxRecordBytes ?? defaultMaxRecordBytes, protectedKeys);
  }
}
