/** A point in time produced by `@timestamp`, `bin()`, `datefloor()`, `fromMillis()`...: formatted as the service does. */
export class Timestamp {
  constructor(readonly ms: number) {}
}

/**
 * What a field or expression evaluates to. JSON booleans are discovered as 1 and 0 (as the service shows
 * them); `boolean` is what comparisons and predicates return and formats the same way. `undefined` is a missing
 * field: the service leaves it out of the row.
 */
export type Value = string | number | boolean | Timestamp | undefined;

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number a value stands for, if any: numbers, timestamps (epoch ms), booleans, numeric strings. */
export const toNumber = (value: Value): number | undefined => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return NUMERIC.test(value) ? Number(value) : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Timestamp) return value.ms;
  return undefined;
};

/** Whether a filter keeps a row: `true`, a non-zero number, or the strings "1" / "true". */
export const truthy = (value: Value): boolean => {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value === '1' || value.toLowerCase() === 'true';
  return value instanceof Timestamp;
};

/** The string functions' view of a value; undefined for a missing one. */
export const toText = (value: Value): string | undefined =>
  value === undefined ? undefined : formatValue(value);

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2026-01-01 00:05:00.000`: the UTC form GetQueryResults uses for `@timestamp` and `bin()` buckets. */
export const formatTimestamp = (ms: number): string => {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
  );
};

/** The string GetQueryResults carries: numbers in their shortest round-trip form, booleans as 1 and 0. */
export const formatValue = (value: Exclude<Value, undefined>): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  return formatTimestamp(value.ms);
};

/**
 * The grouping and `count_distinct` key: values that read the same in the results fall in one group (the number
 * 200 and the string "200"), while "007" and 7 stay apart.
 */
export const groupKey = (value: Value): string => {
  if (value === undefined) return '\u0001';
  if (value instanceof Timestamp) return `\u0002${value.ms}`;
  return formatValue(value);
};
