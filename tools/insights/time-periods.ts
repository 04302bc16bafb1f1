/** A time period of `bin()`, `datefloor()` and `dateceil()`: `5m`, `1h`, `100ms`, `2hrs`, `1mo`... */
export interface Period {
  readonly unit: PeriodUnit;
  readonly amount: number;
  /** The period as written, for column names and messages. */
  readonly text: string;
}

export type PeriodUnit = 'ms' | 's' | 'm' | 'h' | 'd' | 'w' | 'mo' | 'q' | 'y';

// The documented abbreviations; every name longer than one character also takes a plural `s`.
const UNIT_NAMES: Record<PeriodUnit, readonly string[]> = {
  ms: ['ms', 'msec', 'millisecond'],
  s: ['s', 'sec', 'second'],
  m: ['m', 'min', 'minute'],
  h: ['h', 'hr', 'hour'],
  d: ['d', 'day'],
  w: ['w', 'week'],
  mo: ['mo', 'mon', 'month'],
  q: ['q', 'qtr', 'quarter'],
  y: ['y', 'yr', 'year'],
};

const UNITS = new Map<string, PeriodUnit>();
for (const [unit, names] of Object.entries(UNIT_NAMES) as [PeriodUnit, readonly string[]][]) {
  for (const name of names) {
    UNITS.set(name, unit);
    if (name.length > 1) UNITS.set(`${name}s`, unit);
  }
}

/**
 * "CloudWatch Logs caps your request according to the time unit": `bin(300s)` runs as `bin(60s)`. The service
 * does this silently; we do it too and say so in the query's warnings.
 */
export const PERIOD_CAPS: Partial<Record<PeriodUnit, number>> = { ms: 1000, s: 60, m: 60, h: 24 };

const FIXED_MS: Partial<Record<PeriodUnit, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** The unit a suffix names, case-insensitively, or undefined for an unknown one. */
export const periodUnit = (suffix: string): PeriodUnit | undefined => UNITS.get(suffix.toLowerCase());

/** The period's length in ms when it is fixed (not months, quarters or years), after the service's cap. */
export const fixedLength = (period: Period): number | undefined => {
  const unit = FIXED_MS[period.unit];
  return unit === undefined ? undefined : unit * effectiveAmount(period);
};

export const effectiveAmount = (period: Period): number =>
  Math.min(period.amount, PERIOD_CAPS[period.unit] ?? Number.POSITIVE_INFINITY);

// Weeks start on Monday 00:00 UTC (ISO 8601); 1970-01-01 was a Thursday, 3 days after a Monday.
const WEEK_OFFSET = 3 * 86_400_000;
const MONTHS: Partial<Record<PeriodUnit, number>> = { mo: 1, q: 3, y: 12 };

/** The start of the period containing `ms` (UTC): what `bin()` and `datefloor()` return. */
export const floorTime = (ms: number, period: Period): number => {
  const length = fixedLength(period);
  if (length !== undefined) {
    const offset = period.unit === 'w' ? WEEK_OFFSET : 0;
    return Math.floor((ms + offset) / length) * length - offset;
  }
  const step = (MONTHS[period.unit] ?? 1) * period.amount;
  const date = new Date(ms);
  const months = date.getUTCFullYear() * 12 + date.getUTCMonth();
  const floored = Math.floor(months / step) * step;
  return Date.UTC(Math.floor(floored / 12), floored % 12, 1);
};

/** `dateceil()`: the end of the period containing `ms`, or `ms` itself when it starts a period. */
export const ceilTime = (ms: number, period: Period): number => {
  const floor = floorTime(ms, period);
  if (floor === ms) return ms;
  const length = fixedLength(period);
  if (length !== undefined) return floor + length;
  const step = (MONTHS[period.unit] ?? 1) * period.amount;
  const date = new Date(floor);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + step, 1);
};
