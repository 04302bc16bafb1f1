/**
 * The record contract, built in one place for both paths (the middleware's direct writes and Powertools'
 * `logger`/`logEvent`): one flat snake_case JSON object, keys in a stable order (contract keys first, then the
 * event's fields, then EMF metrics), every value JSON-safe, redacted and size-guarded, stringified once.
 * Function ARN and memory size are dropped: CloudWatch already knows them per log stream. `cold_start` is
 * written only when true (on the first invocation of an environment).
 */
import { type Category, recordKeys } from './event-catalog';
import { type RedactionOptions, redactionPolicy } from './redaction';
import { type Json, type JsonPolicy, toJsonSafe } from './safe-serialize';
import { defaultMaxRecordBytes, type GuardedRecord, guardSize } from './size-guard';

/** The request-scoped keys every record of a request carries. */
export interface RequestKeys {
  readonly correlation_id?: string;
  readonly cold_start?: true;
  readonly function_name?: string;
  readonly function_request_id?: string;
  readonly xray_trace_id?: string;
}

export interface RecordParts {
  /** Epoch milliseconds. */
  readonly time: number;
  readonly level: string;
  readonly service: string;
  /** The catalog event name. */
  readonly message: string;
  readonly category?: Category;
  readonly keys?: RequestKeys;
  readonly fields?: object;
  /** Serialized as `error: { name, message, stack, cause }`. */
  readonly error?: unknown;
  /** CloudWatch EMF keys (`_aws` and metric values) appended to the record, never redacted. */
  readonly emf?: Readonly<Record<string, Json>>;
}

export interface RecordOptions {
  redaction?: RedactionOptions;
  maxRecordBytes?: number;
}

/**
 * The contract keys in record order (the catalog's `recordKeys` less `truncated`, which the size guard appends
 * last); a field with one of these names is written as `field_<name>`.
 */
export const contractKeys: readonly string[] = Object.values(recordKeys).filter(
  (key) => key !== recordKeys.truncated,
);
const contractKeySet: ReadonlySet<string> = new Set(contractKeys);

let policy: JsonPolicy = redactionPolicy();
let maxRecordBytes = defaultMaxRecordBytes;

/** Redaction keys and the record size limit, applied to every later record. */
export const configureRecords = (options: RecordOptions): void => {
  if (options.redaction) policy = redactionPolicy(options.redaction);
  if (options.maxRecordBytes !== undefined) maxRecordBytes = options.maxRecordBytes;
};

const present = (value: unknown): value is string | true =>
  value !== undefined && value !== null && value !== '';

/** Builds, redacts, size-guards and stringifies one record. Throws only if the walk itself failed. */
export const formatRecord = (parts: RecordParts): GuardedRecord => {
  const record: Record<string, Json> = {
    timestamp: new Date(parts.time).toISOString(),
    level: parts.level,
    service: toJsonSafe(parts.service),
    message: toJsonSafe(parts.message),
  };
  if (parts.category !== undefined) record.category = parts.category;
  const keys = parts.keys;
  if (keys !== undefined) {
    // ids come from callers (headers) and the runtime: made JSON-safe, never redacted or renamed
    if (present(keys.correlation_id)) record.correlation_id = toJsonSafe(keys.correlation_id);
    if (keys.cold_start === true) record.cold_start = true;
    if (present(keys.function_name)) record.function_name = toJsonSafe(keys.function_name);
    if (present(keys.function_request_id)) record.function_request_id = toJsonSafe(keys.function_request_id);
    if (present(keys.xray_trace_id)) record.xray_trace_id = toJsonSafe(keys.xray_trace_id);
  }
  const body = parts.error === undefined ? parts.fields : { ...parts.fields, error: parts.error };
  const safe = body === undefined ? undefined : toJsonSafe(body, policy);
  if (safe !== null && typeof safe === 'object' && !Array.isArray(safe)) {
    for (const key in safe) record[contractKeySet.has(key) ? `field_${key}` : key] = safe[key] as Json;
  }
  let protectedKeys: ReadonlySet<string> = contractKeySet;
  if (parts.emf !== undefined) {
    const keep = new Set<string>(contractKeys);
    for (const key in parts.emf) {
      // the EMF `service` dimension is the contract's `service` key: never overwrite it
      if (!contractKeySet.has(key)) record[key] = parts.emf[key] as Json;
      keep.add(key);
    }
    protectedKeys = keep;
  }
  return guardSize(record, maxRecordBytes, protectedKeys);
};

/** The line written when a record cannot be built: still one valid record, never an exception. */
export const failureLine = (message: unknown, error: unknown): string => {
  let reason = 'unknown';
  try {
    reason = error instanceof Error ? String(error.message) : 'unknown';
  } catch {
    // a hostile error: the fixed reason will do
  }
  return JSON.stringify({
    timestamp: new Date().toISOString(),
    level: 'ERROR',
    message: toJsonSafe(typeof message === 'string' ? message : 'log_failure'),
    log_error: toJsonSafe(reason),
  });
};
