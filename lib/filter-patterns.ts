import type { Category, EventFieldValue, EventName, FieldName, Level } from '../layer/src/event-catalog';
import { recordKeys } from '../layer/src/event-catalog';

/**
 * Typed builders for CloudWatch Logs JSON filter patterns. Event names, field names and string values come
 * from the event catalog's types, so a pattern that could never match what the code logs does not compile.
 * Each condition is parenthesised so patterns compose without relying on CloudWatch's operator precedence.
 */

/** Comparison operators of the JSON filter pattern syntax. */
export type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=';

/** A comparison other than equality, e.g. `atLeast(500)` for `$.status_code >= 500`. */
export interface Comparison<V> {
  readonly operator: Operator;
  readonly value: V;
}

/** Any of several values: `(($.reason = "a") || ($.reason = "b"))`. */
export interface AnyOf<V> {
  readonly anyOf: readonly [V, ...V[]];
}

/** What a field may be matched against: a catalog value (equality), a comparison, or any of several values. */
export type FieldMatch<V> = V | Comparison<V> | AnyOf<V>;

/** The field conditions a pattern may carry for events `E`: only fields all of them share. */
export type FieldConditions<E extends EventName> = {
  readonly [K in FieldName<E>]?: FieldMatch<EventFieldValue<E, K>>;
};

export const not = <V extends string | number>(value: V): Comparison<V> => ({ operator: '!=', value });
export const atLeast = (value: number): Comparison<number> => ({ operator: '>=', value });
export const greaterThan = (value: number): Comparison<number> => ({ operator: '>', value });
export const anyOf = <V extends string | number>(...values: readonly [V, ...V[]]): AnyOf<V> => ({
  anyOf: values,
});

/**
 * The field is present with any value: `($.key = *)`. CloudWatch publishes a metric value or dimension taken
 * from a field only when the pattern selects that field ("make sure the field is in the pattern (if only as
 * '$.fieldName = *')").
 */
export const present: Comparison<never> = { operator: '=', value: '*' as never };

/** The field is not in the record at all: `($.key NOT EXISTS)`. */
export const absent: Comparison<never> = { operator: '=', value: 'NOT EXISTS' as never };

const isComparison = (match: unknown): match is Comparison<unknown> =>
  typeof match === 'object' && match !== null && 'operator' in match;

const isAnyOf = (match: unknown): match is AnyOf<unknown> =>
  typeof match === 'object' && match !== null && 'anyOf' in match;

/** One `($.key op value)` term; strings are JSON-quoted so quotes inside values cannot break the pattern. */
const term = (key: string, match: unknown): string => {
  if (match === present) return `($.${key} = *)`;
  if (match === absent) return `($.${key} NOT EXISTS)`;
  if (isAnyOf(match)) return `(${match.anyOf.map((value) => term(key, value)).join(' || ')})`;
  const { operator, value } = isComparison(match) ? match : { operator: '=' as Operator, value: match };
  if (typeof value === 'boolean') return `($.${key} IS ${value ? 'TRUE' : 'FALSE'})`;
  const literal = typeof value === 'number' ? String(value) : JSON.stringify(value);
  return `($.${key} ${operator} ${literal})`;
};

const messageIs = (event: EventName): string => term(recordKeys.message, event);

/** Terms for the field conditions, in the order given (stable, so synthesized patterns are deterministic). */
const fieldTerms = (fields: Readonly<Record<string, unknown>>): string[] =>
  Object.entries(fields)
    .filter(([, match]) => match !== undefined)
    .map(([key, match]) => term(key, match));

const wrap = (terms: string[]): string => {
  // A single term needs no inner parentheses: `{ $.message = "request_timeout" }`.
  const single = terms.length === 1 ? terms[0].replace(/^\((.*)\)$/, '$1') : undefined;
  return `{ ${single ?? terms.join(' && ')} }`;
};

/**
 * Records of one catalog event, optionally narrowed by its fields:
 * `eventPattern('login_attempt', { outcome: 'failure' })` →
 * `{ ($.message = "login_attempt") && ($.outcome = "failure") }`.
 */
export const eventPattern = <E extends EventName>(event: E, fields: FieldConditions<E> = {}): string =>
  wrap([messageIs(event), ...fieldTerms(fields)]);

/** Records matching any of several patterns: `{ (A) || (B) }`. */
export const eitherPattern = (...patterns: readonly [string, string, ...string[]]): string =>
  wrap([`(${patterns.map((pattern) => `(${pattern.replace(/^\{ (.*) \}$/, '$1')})`).join(' || ')})`]);

/** Every record of one category, e.g. `{ $.category = "error" }`. */
export const categoryPattern = (category: Category): string => wrap([term(recordKeys.category, category)]);

/**
 * Every record at one level, e.g. `{ $.level = "ERROR" }`: the layer's records and the Lambda runtime's own
 * (JSON log format), such as an error that escaped the handler or a crash during init.
 */
export const levelPattern = (level: Level): string => wrap([term(recordKeys.level, level)]);

/**
 * A pattern that also requires a record key to be present, so the key can be a metric dimension or value:
 * `{ ($.service = *) && (<pattern>) }`.
 */
export const withKeyPresent = (key: (typeof recordKeys)[keyof typeof recordKeys], pattern: string): string =>
  wrap([term(key, present), `(${pattern.replace(/^\{ (.*) \}$/, '$1')})`]);
