/**
 * The records of one timed HTTP call (`http-client-timing.ts` observes the calls): `external_call` when the
 * response headers arrive or the call fails without a response, `external_service_error` for a 5xx or a failure,
 * each with the keys of the request that made the call, whenever it answers. A DEBUG record waits with the
 * request's debug records while the request is in progress (printed if it fails) and is dropped after it ended.
 */
import { catalog, type Level } from './event-catalog';
import { isPrinted } from './log-level';
import { writeLine } from './log-sink';
import { defaultRecordSettings, failureLine, formatRecord } from './record-formatter';
import { currentScope, deferDebugRecord, flushRequest, type RequestScope } from './request-scope';
import { serviceName } from './service-name';

export interface Call {
  /** `process.hrtime.bigint()` when the request was created. */
  readonly started: bigint;
  readonly scope: RequestScope | undefined;
  readonly slowMs: number;
  readonly fields: { readonly http_method: string; readonly http_host: string; readonly http_path: string };
  status?: number;
}

const elapsedMs = (started: bigint): number =>
  Math.round(Number(process.hrtime.bigint() - started) / 1e3) / 1e3;

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

/** The error's `code` (`ECONNREFUSED`, `UND_ERR_SOCKET`), else its name (`TimeoutError`, `AbortError`). */
const errorCode = (error: unknown): string => {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  if (typeof code === 'string' && code !== '') return code;
  return typeof name === 'string' && name !== '' ? name : 'UnknownError';
};

const levelOf = (call: Call, durationMs: number): Level => (durationMs > call.slowMs ? 'INFO' : 'DEBUG');

/** The response headers arrived: `external_call`, plus `external_service_error` for a 5xx. Once per call. */
export const recordResponse = (call: Call, statusCode: unknown): void => {
  if (call.status !== undefined) return;
  const status = typeof statusCode === 'number' ? statusCode : 0;
  call.status = status;
  const duration = elapsedMs(call.started);
  const outcome = status > 0 && status < 400 ? 'success' : 'failure';
  const fields = { ...call.fields, http_status: status, duration_ms: duration };
  write(call, 'external_call', levelOf(call, duration), { ...fields, outcome });
  if (status >= 500)
    write(call, 'external_service_error', 'ERROR', { ...fields, error_code: `HTTP_${status}` });
};

/**
 * The call failed. Without a response: `external_call` (outcome `failure`) and `external_service_error` with the
 * error's code. After the headers (a body cut off): the error record alone, unless the caller aborted the body
 * it no longer wanted.
 */
export const recordFailure = (call: Call, error: unknown): void => {
  const code = errorCode(error);
  if (call.status !== undefined && code === 'AbortError') return;
  const duration = elapsedMs(call.started);
  if (call.status === undefined) {
    write(call, 'external_call', levelOf(call, duration), {
      ...call.fields,
      duration_ms: duration,
      outcome: 'failure',
    });
  }
  const fields = { ...call.fields, http_status: call.status, error_code: code, duration_ms: duration };
  write(call, 'external_service_error', 'ERROR', fields, error);
};
