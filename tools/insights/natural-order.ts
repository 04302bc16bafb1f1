import { Timestamp, type Value } from './values';

/** "Number values are values that include only numbers": digits with an optional sign and decimals. */
const NUMBER_VALUE = /^-?\d+(?:\.\d+)?$/;

const numberValue = (value: Exclude<Value, undefined>): number | undefined => {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Timestamp) return value.ms;
  return NUMBER_VALUE.test(value) ? Number(value) : undefined;
};

const CHUNK = /\d+|\D+/g;
const isDigits = (chunk: string): boolean => chunk.charCodeAt(0) >= 48 && chunk.charCodeAt(0) <= 57;
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The documented non-number order: strings split into digit and non-digit chunks; two digit chunks compare by
 * length, then value; any other pair by Unicode order ("2345_" sorts before "@", as the docs show).
 */
const compareText = (a: string, b: string): number => {
  const left = a.match(CHUNK) ?? [];
  const right = b.match(CHUNK) ?? [];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    if (x === y) continue;
    if (isDigits(x) && isDigits(y)) {
      if (x.length !== y.length) return x.length - y.length;
      return byCodePoint(x, y);
    }
    return byCodePoint(x, y);
  }
  return left.length - right.length;
};

/**
 * `sort`'s ascending order ("an updated version of natural sorting"): missing values first, then every
 * non-number value, then number values by magnitude (ties by their text, so "0" precedes "01"). Descending is
 * the exact reverse.
 */
export const compareNatural = (a: Value, b: Value): number => {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  const x = numberValue(a);
  const y = numberValue(b);
  if (x !== undefined && y !== undefined) {
    if (x !== y) return x < y ? -1 : 1;
    return typeof a === 'string' && typeof b === 'string' ? byCodePoint(a, b) : 0;
  }
  if (x !== undefined) return 1;
  if (y !== undefined) return -1;
  return compareText(a as string, b as string);
};
