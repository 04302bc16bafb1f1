import { FilterPatternError } from './errors';
import type { Token } from './lexer';
import { compileRegex } from './regex-pattern';

export type ComparisonOperator = '=' | '!=' | '<' | '>' | '<=' | '>=';

/** A scalar from the event: JSON strings have no `number`; JSON numbers and numeric fields do. */
export interface ScalarValue {
  readonly text: string;
  readonly number?: number;
}

/** A compiled right-hand side of `field OPERATOR value`, evaluated against one scalar. */
export type ValueTest = (value: ScalarValue) => boolean;

/**
 * An integer or decimal with an optional sign, optionally in scientific notation
 * ("an integer or a decimal with an optional + or - sign, followed by 'e', followed by an integer").
 */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Unquoted strings: the docs require quotes for anything beyond letters, digits and `_`, yet their own
 * examples leave `123.123.*` and `*.html*` unquoted, so `.`, `*`, `-`, `+`, `:` and `/` are tolerated too.
 */
const UNQUOTED = /^[A-Za-z0-9_.*+\-:/]+$/;

export function parseNumber(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

/**
 * `*` is a wildcard only at the start or end of a string ("*Event", "Event*"); the older docs state
 * that "Ev*ent will only match the actual string Ev*ent".
 */
function wildcardTest(pattern: string): (text: string) => boolean {
  if (/^\*+$/.test(pattern)) return () => true;
  const leading = pattern.startsWith('*');
  const trailing = pattern.length > 1 && pattern.endsWith('*');
  const core = pattern.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  if (leading && trailing) return (text) => text.includes(core);
  if (leading) return (text) => text.endsWith(core);
  if (trailing) return (text) => text.startsWith(core);
  return (text) => text === core;
}

function numericTest(operator: ComparisonOperator, expected: number): (actual: number) => boolean {
  switch (operator) {
    case '=':
      return (actual) => actual === expected;
    case '!=':
      return (actual) => actual !== expected;
    case '<':
      return (actual) => actual < expected;
    case '>':
      return (actual) => actual > expected;
    case '<=':
      return (actual) => actual <= expected;
    case '>=':
      return (actual) => actual >= expected;
  }
}

/** Builds the test for `operator value`, rejecting combinations AWS rejects (`< "text"`). */
export function compileValueTest(operator: Token, value: Token): ValueTest {
  const op = operator.value as ComparisonOperator;
  const numeric = value.type === 'word' ? parseNumber(value.value) : undefined;
  if (numeric !== undefined) {
    // A number on the right compares numerically, and only against numeric values: a JSON string
    // "400" or a non-numeric field is not a number, so neither `=` nor `!=` matches it.
    const test = numericTest(op, numeric);
    return (scalar) => scalar.number !== undefined && test(scalar.number);
  }
  if (op !== '=' && op !== '!=') {
    throw new FilterPatternError(`operator '${op}' needs a number, found '${value.text}'`, value.position);
  }
  let positive: (text: string) => boolean;
  if (value.type === 'regex') {
    const regex = compileRegex(value.value, value.position + 1);
    positive = (text) => regex.test(text);
  } else if (value.type === 'string') {
    positive = wildcardTest(value.value);
  } else if (value.type === 'word') {
    if (!UNQUOTED.test(value.value)) {
      throw new FilterPatternError(
        `unquoted value '${value.text}' must be enclosed in double quotes`,
        value.position,
      );
    }
    positive = wildcardTest(value.value);
  } else {
    throw new FilterPatternError(
      `expected a value after '${op}', found '${value.text || 'end of pattern'}'`,
      value.position,
    );
  }
  return op === '=' ? (scalar) => positive(scalar.text) : (scalar) => !positive(scalar.text);
}

export function isValueToken(token: Token): boolean {
  return token.type === 'word' || token.type === 'string' || token.type === 'regex';
}
