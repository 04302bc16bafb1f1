import { recordKeys } from '../../layer/src/event-catalog';
import { accessLogKeys } from '../../lib/access-log-keys';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** The layer's records and Lambda's platform records open with their time: no parse needed for those. */
const leadingStamp = new RegExp(`^\\{"(?:${recordKeys.timestamp}|time)":"([^"\\\\]{10,40})"`);
/** Lambda's text format and most loggers: the line starts with an ISO 8601 time. */
const leadingIso = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)\s/;

/** API Gateway's `$context.requestTime`: `26/Nov/2026:16:46:32 +0000`. */
export const parseClfTime = (text: string): number | undefined => {
  const match = /^(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(text);
  const month = match ? months.indexOf(match[2]) : -1;
  if (!match || month < 0) return undefined;
  const utc = Date.UTC(Number(match[3]), month, Number(match[1]), +match[4], +match[5], +match[6]);
  const offsetMs = (Number(match[8]) * 60 + Number(match[9])) * 60_000 * (match[7] === '+' ? 1 : -1);
  return utc - offsetMs;
};

export const parseJsonObject = (line: string): Record<string, unknown> | undefined => {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

const timeOf = (value: unknown): number | undefined => {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const time = new Date(value).getTime();
  return Number.isFinite(time) ? time : undefined;
};

/**
 * When a log line happened, from the line itself: a JSON record's `timestamp` (else `time`, as Lambda's
 * platform records have it), an access log line's `requestTime`, or a text line's leading ISO 8601 time.
 * Undefined when the line does not say.
 */
export const eventTimeOf = (line: string): number | undefined => {
  const stamp = leadingStamp.exec(line);
  const fast = stamp ? timeOf(stamp[1]) : undefined;
  if (fast !== undefined) return fast;
  const record = parseJsonObject(line);
  if (!record) {
    const iso = leadingIso.exec(line)?.[1];
    return iso === undefined ? undefined : timeOf(iso.replace(' ', 'T').replace(',', '.'));
  }
  const requestTime = record[accessLogKeys.requestTime];
  return (
    timeOf(record[recordKeys.timestamp]) ??
    timeOf(record.time) ??
    (typeof requestTime === 'string' ? parseClfTime(requestTime) : undefined)
  );
};
