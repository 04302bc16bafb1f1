import { Timestamp, toNumber, type Value } from './values';

/**
 * Orders two values for `=`, `!=`, `<`...: undefined when either is missing (every comparison is then false),
 * NaN when they cannot be compared (a number and a non-numeric string: `=` is false, `!=` true). A number, a
 * timestamp or a boolean on one side makes the comparison numeric, so a parsed "404" is `>= 400`; two strings
 * compare as strings, so "007" is not "7".
 */
export const compareValues = (a: Value, b: Value): number | undefined => {
  if (a === undefined || b === undefined) return undefined;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const x = toNumber(a);
  const y = toNumber(b);
  if (x === undefined || y === undefined) return Number.NaN;
  return x < y ? -1 : x > y ? 1 : 0;
};

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export const compareWith = (op: ComparisonOp, a: Value, b: Value): boolean => {
  const order = compareValues(a, b);
  if (order === undefined) return false;
  switch (op) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
};

export const arithmetic = (op: string, a: Value, b: Value): Value => {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x === undefined || y === undefined) return undefined;
  let result: number;
  switch (op) {
    case '+':
      result = x + y;
      break;
    case '-':
      result = x - y;
      break;
    case '*':
      result = x * y;
      break;
    case '/':
      result = x / y;
      break;
    case '%':
      result = x % y;
      break;
    default:
      result = x ** y;
  }
  if (!Number.isFinite(result)) return undefined;
  // Shifting a timestamp keeps it a timestamp: `@timestamp + 60000`.
  const shifted =
    (op === '+' && a instanceof Timestamp !== b instanceof Timestamp) ||
    (op === '-' && a instanceof Timestamp && !(b instanceof Timestamp));
  return shifted ? new Timestamp(result) : result;
};
