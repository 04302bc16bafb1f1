import { toNumber, toText, truthy, type Value } from './values';

/** A function usable in fields, filter, display, sort and around aggregates; `apply` gets its argument values. */
export interface ScalarSpec {
  readonly min: number;
  readonly max: number;
  readonly apply: (args: readonly Value[]) => Value;
}

const number1 =
  (f: (n: number) => number): ScalarSpec['apply'] =>
  ([a]) => {
    const n = toNumber(a);
    if (n === undefined) return undefined;
    const result = f(n);
    return Number.isFinite(result) ? result : undefined;
  };

const text1 =
  (f: (s: string) => Value): ScalarSpec['apply'] =>
  ([a]) => {
    const s = toText(a);
    return s === undefined ? undefined : f(s);
  };

const extreme =
  (pick: (a: number, b: number) => number): ScalarSpec['apply'] =>
  (args) => {
    const numbers = args.map(toNumber).filter((n): n is number => n !== undefined);
    return numbers.length === 0 ? undefined : numbers.reduce((a, b) => pick(a, b));
  };

const escapeClass = (chars: string): string => chars.replace(/[\\\]^-]/g, '\\$&');

/** `trim(s)` removes white space; `trim(s, chars)` removes those characters instead (documented). */
const trimmer =
  (left: boolean, right: boolean): ScalarSpec['apply'] =>
  ([a, chars]) => {
    const s = toText(a);
    if (s === undefined) return undefined;
    const set = chars === undefined ? '\\s' : escapeClass(toText(chars) ?? '');
    if (set === '') return s;
    let out = s;
    if (left) out = out.replace(new RegExp(`^[${set}]+`, 'u'), '');
    if (right) out = out.replace(new RegExp(`[${set}]+$`, 'u'), '');
    return out;
  };

const codePoints = (s: string): string[] => Array.from(s);

export const SCALAR_FUNCTIONS: Record<string, ScalarSpec> = {
  // numeric
  abs: { min: 1, max: 1, apply: number1(Math.abs) },
  ceil: { min: 1, max: 1, apply: number1(Math.ceil) },
  floor: { min: 1, max: 1, apply: number1(Math.floor) },
  log: { min: 1, max: 1, apply: number1(Math.log) },
  sqrt: { min: 1, max: 1, apply: number1(Math.sqrt) },
  greatest: { min: 1, max: 100, apply: extreme(Math.max) },
  least: { min: 1, max: 100, apply: extreme(Math.min) },
  // string
  strlen: { min: 1, max: 1, apply: text1((s) => codePoints(s).length) },
  toupper: { min: 1, max: 1, apply: text1((s) => s.toUpperCase()) },
  tolower: { min: 1, max: 1, apply: text1((s) => s.toLowerCase()) },
  trim: { min: 1, max: 2, apply: trimmer(true, true) },
  ltrim: { min: 1, max: 2, apply: trimmer(true, false) },
  rtrim: { min: 1, max: 2, apply: trimmer(false, true) },
  // A missing argument reads as the empty string, so one absent field does not blank the whole result.
  concat: { min: 1, max: 100, apply: (args) => args.map((a) => toText(a) ?? '').join('') },
  substr: {
    min: 2,
    max: 3,
    apply: ([a, start, length]) => {
      const s = toText(a);
      const from = toNumber(start);
      if (s === undefined || from === undefined) return undefined;
      const points = codePoints(s);
      const count = length === undefined ? points.length : toNumber(length);
      if (count === undefined) return undefined;
      return points
        .slice(Math.max(0, Math.trunc(from)), Math.max(0, Math.trunc(from)) + Math.max(0, Math.trunc(count)))
        .join('');
    },
  },
  replace: {
    min: 3,
    max: 3,
    apply: ([a, search, replacement]) => {
      const s = toText(a);
      const find = toText(search);
      if (s === undefined || find === undefined) return undefined;
      return find === '' ? s : s.split(find).join(toText(replacement) ?? '');
    },
  },
  strcontains: {
    min: 2,
    max: 3,
    apply: ([a, search, caseInsensitive]) => {
      const s = toText(a);
      const find = toText(search);
      if (s === undefined || find === undefined) return undefined;
      const fold = truthy(caseInsensitive);
      return (fold ? s.toLowerCase().includes(find.toLowerCase()) : s.includes(find)) ? 1 : 0;
    },
  },
  isempty: { min: 1, max: 1, apply: ([a]) => (a === undefined || toText(a) === '' ? 1 : 0) },
  isblank: { min: 1, max: 1, apply: ([a]) => (a === undefined || (toText(a) ?? '').trim() === '' ? 1 : 0) },
  // general
  ispresent: { min: 1, max: 1, apply: ([a]) => a !== undefined },
  coalesce: { min: 1, max: 100, apply: (args) => args.find((a) => a !== undefined) },
  // Data protection masking does not exist locally: the value is already the unmasked one.
  unmask: { min: 1, max: 1, apply: ([a]) => a },
};
