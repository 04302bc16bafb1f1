import { parseJsonObject } from './event-time';

/** One stored log record: the exact line, its parsed form, and where it belongs. */
export interface LogRecord {
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly functionName: string;
  /** The line as stored and as CloudWatch would show it: always one JSON object. */
  readonly line: string;
  readonly record: Readonly<Record<string, unknown>>;
  /** Event time in epoch ms (the record's own timestamp when it has one). */
  readonly time: number;
}

const levelRank: Record<string, number> = {
  TRACE: 0,
  DEBUG: 1,
  INFO: 2,
  WARN: 3,
  ERROR: 4,
  CRITICAL: 5,
  FATAL: 6,
};

/**
 * A printed line as Lambda's JSON log format stores it: a JSON object is kept verbatim; anything else becomes
 * `{ timestamp, level, requestId, message }` with the text as message, so nothing a function prints is lost.
 */
export const normalizeLine = (
  line: string,
  requestId: string | undefined,
  time: number,
): { line: string; record: Record<string, unknown>; time: number } => {
  const parsed = parseJsonObject(line.trim());
  if (parsed) {
    const stamp = parsed.timestamp ?? parsed.time;
    const own =
      typeof stamp === 'string' || typeof stamp === 'number' ? new Date(stamp).getTime() : Number.NaN;
    return { line: line.trim(), record: parsed, time: Number.isFinite(own) ? own : time };
  }
  const record = { timestamp: new Date(time).toISOString(), level: 'INFO', requestId, message: line };
  return { line: JSON.stringify(record), record, time };
};

/**
 * Lambda's advanced logging controls drop JSON records below the function's application log level before
 * they reach CloudWatch; records without a known level always pass.
 */
export const passesLogLevel = (
  record: Readonly<Record<string, unknown>>,
  minimum: string | undefined,
): boolean => {
  if (!minimum) return true;
  const level = typeof record.level === 'string' ? levelRank[record.level.toUpperCase()] : undefined;
  const threshold = levelRank[minimum.toUpperCase()];
  return level === undefined || threshold === undefined || level >= threshold;
};

/** The platform record Lambda (JSON log format) writes when an invocation times out. */
export const timeoutRecord = (requestId: string, timeoutMs: number, memoryMb: number, time: number) => ({
  time: new Date(time).toISOString(),
  type: 'platform.report',
  record: {
    requestId,
    metrics: { durationMs: timeoutMs, billedDurationMs: timeoutMs, memorySizeMB: memoryMb },
    status: 'timeout',
  },
});
