import { UsageError } from '../cli/parse';

/** What `logs query` and `logs tail` search when no range is given: the last hour, as the console opens. */
export const DefaultSinceMs = 60 * 60 * 1000;

const unitMs: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** `15m`, `90s`, `2h`, `1d`, `1h30m`: a duration in ms; throws UsageError otherwise. */
export const parseDuration = (text: string, option = '--since'): number => {
  const parts = [...text.trim().matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)/gy)];
  const consumed = parts.reduce((length, part) => length + part[0].length, 0);
  if (parts.length === 0 || consumed !== text.trim().length)
    throw new UsageError(
      `${option} takes a duration such as 30s, 15m, 2h or 1d (got ${JSON.stringify(text)})`,
    );
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * unitMs[unit], 0);
};

/** An ISO 8601 time (`2026-11-26T16:00:00Z`, a date alone is UTC midnight) or epoch milliseconds. */
export const parseTime = (text: string, option: string): number => {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(value))
    throw new UsageError(
      `${option} takes an ISO 8601 time or epoch milliseconds (got ${JSON.stringify(text)})`,
    );
  return value;
};

export interface TimeRange {
  /** Epoch ms, both inclusive; unbounded where absent. */
  readonly start?: number;
  readonly end?: number;
}

export interface RangeOptions {
  readonly since?: string;
  readonly start?: string;
  readonly end?: string;
}

/**
 * The range a command searches: `--since D` (the last D up to now), or `--start`/`--end` (either may be left
 * out: from the beginning, up to now). With none of them, the last `defaultSinceMs` (or everything when that
 * is undefined: a file the user names is searched whole).
 */
export const resolveRange = (options: RangeOptions, now: number, defaultSinceMs?: number): TimeRange => {
  if (options.since !== undefined && (options.start !== undefined || options.end !== undefined))
    throw new UsageError('give --since or --start/--end, not both');
  if (options.since !== undefined) return { start: now - parseDuration(options.since), end: now };
  if (options.start === undefined && options.end === undefined)
    return defaultSinceMs === undefined ? {} : { start: now - defaultSinceMs, end: now };
  const start = options.start === undefined ? undefined : parseTime(options.start, '--start');
  const end = options.end === undefined ? now : parseTime(options.end, '--end');
  if (start !== undefined && end < start) throw new UsageError('--end is before --start');
  return { start, end };
};
