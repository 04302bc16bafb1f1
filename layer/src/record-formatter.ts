/**
 * The record contract, built in one place for both paths (the middleware's direct writes and Powertools'
 * `logger`/`logEvent`): one flat snake_case JSON object, keys in a stable order (contract keys first, then the
 * event's fields, then EMF metrics), every value JSON-safe, redacted and size-guarded, stringified once.
 * Function ARN and memory size are dropped: CloudWatch already knows them per log stream. `cold_start` is
 * written only when true (on the first invocation of an environment). Fields never overwrite a contract or EMF
 * key (`reserved-keys.ts`).
 */
import { type Category, catalog, recordKeys } from './event-catalog';
import { defaultRedaction, type RedactionPolicy, redactionPolicy } from './redaction';
import { fieldKey, reservedKeys } from './reserved-keys';
import { type Json, toJsonSafe } from './safe-serialize';
import { type GuardedRecord, guardSize, maxRecordBytes } from './size-guard';

/** The request-scoped keys every record of a request carries. */
export interface RequestKeys {
  readonly correlation_id?: string;
  readonly cold_start?: true;
  readonly function_name?: string;
  readonly function_request_id?: string;
  readonly xray_trace_id?: string;
}

/** How records are redacted and sized: one per middleware instance, carried by its requests. */
export interface RecordSettings {
  readonly policy: RedactionPolicy;
  readonly maxRecordBytes: number;
}

export interface RecordOptions {
  /** Extra key names to redact, on top of the built-in list. */
  readonly redactKeys?: readonly string[];
  /** Upper bound of one record in bytes, clamped to 1 KB..256 KB. */
  readonly maxRecordBytes?: number;
}

/** Settings for `options`; build once (the redaction policy memoises its verdicts). */
export const recordSettings = (options: RecordOptions = {}): RecordSettings => ({
  policy: redactionPolicy({ keys: options.redactKeys ?? [] }),
  maxRecordBytes: options.maxRecordBytes ?? maxRecordBytes,
});

/** What applies outside any request, and to requests of a middleware given no options. */
export const defaultRecordSettings: RecordSettings = recordSettings();

export interface RecordParts {
  /** Epoch milliseconds. */
  readonly time: number;
  readonly level: string;
  readonly service: string;
  /** The catalog event name (or the text of a `logger.*` call). */
  readonly message: string;
  readonly category?: Category;
  readonly keys?: RequestKeys;
  readonly fields?: object;
  /** Serialized as `error: { name, message, stack, cause }`. */
  readonly error?: unknown;
  /** CloudWatch EMF keys (`_aws` and metric values) appended to the record, never redacted. */
  readonly emf?: Readonly<Record<string, Json>>;
}

/** Contract keys (`truncated` is the guard's own). */
const contractKeys: ReadonlySet<string> = new Set(
  Object.values(recordKeys).filter((key) => key !== recordKeys.truncated),
);
/** Keys the size guard never drops (it may still shorten a huge `message`): the contract's and EMF's. */
const pinnedKeys: ReadonlySet<string> = new Set(
  [...reservedKeys].filter((key) => key !== recordKeys.truncated),
);

/** Catalog event names are the layer's own text: only other messages (`logger.info('...')`) are redacted. */
const eventNames: ReadonlySet<string> = new Set(Object.keys(catalog));

/** A `logger.*` message is caller text like any string field: secrets in it are redacted. */
const messageValue = (message: string, policy: RedactionPolicy): Json =>
  eventNames.has(message) ? message : toJsonSafe(message, policy);

const present = (value: unknown): value is string | true =>
  value !== undefined && value !== null && value !== '';

/** ES2024 string methods (Node 20+); the project's TypeScript lib is ES2023. */
interface WellFormedString {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

/** A contract value as JSON data: strings only made well-formed (the common case, without a walk), never redacted. */
const contractValue = (value: unknown): Json => {
  if (typeof value !== 'string') return toJsonSafe(value);
  const text = value as unknown as WellFormedString;
  return text.isWellFormed() ? value : text.toWellFormed();
};

/** Copies walked fields into the record, renamed where they would take a reserved key. */
const addFields = (record: Record<string, Json>, safe: Json): void => {
  if (safe !== null && typeof safe === 'object' && !Array.isArray(safe)) {
    for (const key of Object.keys(safe)) record[fieldKey(key)] = safe[key] as Json;
  } else if (safe !== null) {
    // the fields could not be read (a revoked proxy): the record says so rather than dropping them silently
    record.log_error = typeof safe === 'string' ? safe : '[fields are not an object]';
  }
};

let lastTime = Number.NaN;
let lastTimestamp = '';

/** ISO 8601 of epoch milliseconds; records written in the same millisecond (most of a request's) share one. */
const isoTimestamp = (time: number): string => {
  if (time !== lastTime) {
    lastTimestamp = new Date(time).toISOString();
    lastTime = time;
  }
  return lastTimestamp;
};

/** Builds, redacts, size-guards and stringifies one record. Throws only if the walk itself failed. */
export const formatRecord = (parts: RecordParts, settings: RecordSettings): GuardedRecord => {
  const record: Record<string, Json> = {
    timestamp: isoTimestamp(parts.time),
    level: parts.level,
    service: contractValue(parts.service),
    message: messageValue(parts.message, settings.policy),
  };
  if (parts.category !== undefined) record.category = parts.category;
  const keys = parts.keys;
  if (keys !== undefined) {
    // ids come from callers (headers) and the runtime: made JSON-safe, never redacted or renamed
    if (present(keys.correlation_id)) record.correlation_id = contractValue(keys.correlation_id);
    if (keys.cold_start === true) record.cold_start = true;
    if (present(keys.function_name)) record.function_name = contractValue(keys.function_name);
    if (present(keys.function_request_id))
      record.function_request_id = contractValue(keys.function_request_id);
    if (present(keys.xray_trace_id)) record.xray_trace_id = contractValue(keys.xray_trace_id);
  }
  if (parts.fields !== undefined) addFields(record, toJsonSafe(parts.fields, settings.policy));
  if (parts.error !== undefined) addFields(record, toJsonSafe({ error: parts.error }, settings.policy));
  if (parts.emf !== undefined) {
    // the EMF `service` dimension is the contract's `service` key: never overwrite it
    for (const key in parts.emf) if (!contractKeys.has(key)) record[key] = parts.emf[key] as Json;
  }
  return guardSize(record, settings.maxRecordBytes, pinnedKeys);
};

/** At most this much of a failure's message and reason: the failure line must stay small. */
const failureTextLength = 1000;
const short = (text: string): string =>
  text.length > failureTextLength ? `${text.slice(0, failureTextLength)}…` : text;

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
    // the failure may quote what was being logged: redacted like any text
    message: toJsonSafe(typeof message === 'string' ? short(message) : 'log_failure', defaultRedaction),
    log_error: toJsonSafe(short(reason), defaultRedaction),
  });
};
