import { type Predicate, parseBooleanExpression } from './boolean-expression';
import { FilterPatternError } from './errors';
import { type JsonSelector, parseSelector, resolveSelector, toScalar } from './json-selector';
import { type Token, TokenStream, tokenize, unexpected } from './lexer';
import { MAX_REGEX_PER_PATTERN, MAX_WILDCARDS_PER_PATTERN } from './limits';
import type { CompiledFilterPattern, MatchResult } from './types';
import { compileValueTest, isValueToken } from './value-condition';

const keyword = (token: Token, word: string): boolean =>
  token.type === 'word' && token.value.toUpperCase() === word;

/** The parsed event, and the first value each selector matched (what extractedValues reports). */
interface JsonContext {
  readonly root: unknown;
  readonly values: Record<string, string>;
}

function parseCondition(stream: TokenStream, selectors: JsonSelector[]): Predicate<JsonContext> {
  const token = stream.next();
  if (token.type !== 'selector') throw unexpected(token, 'a property selector such as $.field');
  const selector = parseSelector(token.text, token.position);
  selectors.push(selector);
  const resolve = (context: JsonContext): unknown[] => resolveSelector(context.root, selector);
  const next = stream.next();
  if (keyword(next, 'IS')) {
    const what = stream.next();
    if (keyword(what, 'NULL')) return (context) => resolve(context).some((node) => node === null);
    if (keyword(what, 'TRUE')) return (context) => resolve(context).some((node) => node === true);
    if (keyword(what, 'FALSE')) return (context) => resolve(context).some((node) => node === false);
    // "The variables IS NOT and EXISTS currently aren't supported."
    if (keyword(what, 'NOT')) throw new FilterPatternError("'IS NOT' is not supported", next.position);
    throw unexpected(what, 'NULL, TRUE or FALSE after IS');
  }
  if (keyword(next, 'NOT')) {
    const what = stream.next();
    if (!keyword(what, 'EXISTS')) throw unexpected(what, 'EXISTS after NOT');
    return (context) => resolve(context).length === 0;
  }
  if (keyword(next, 'EXISTS'))
    throw new FilterPatternError("'EXISTS' is not supported, only 'NOT EXISTS'", next.position);
  if (next.type !== 'operator') throw unexpected(next, 'an operator (= != < > <= >=), IS or NOT EXISTS');
  const value = stream.next();
  if (!isValueToken(value)) throw unexpected(value, `a value after '${next.text}'`);
  const test = compileValueTest(next, value);
  // Only value nodes (strings, numbers, booleans) compare; objects, arrays, null and missing properties
  // never match, whatever the operator: "If a property selector points to an array or object, the
  // filter pattern won't match the log format" (so `!=` on a missing field does not match either;
  // use NOT EXISTS for that).
  return (context) =>
    resolve(context).some((node) => {
      const scalar = toScalar(node);
      if (scalar === undefined || !test(scalar)) return false;
      // With a wildcard selector, report the element that satisfied the condition.
      context.values[selector.text] ??= scalar.text;
      return true;
    });
}

function checkQuotas(tokens: readonly Token[], selectors: readonly JsonSelector[]): void {
  const regexes = tokens.filter((token) => token.type === 'regex');
  if (regexes.length > MAX_REGEX_PER_PATTERN) {
    throw new FilterPatternError(
      `a JSON pattern can contain at most ${MAX_REGEX_PER_PATTERN} regular expressions`,
      regexes[MAX_REGEX_PER_PATTERN].position,
    );
  }
  const wildcards = selectors.reduce((sum, selector) => sum + selector.wildcards, 0);
  if (wildcards > MAX_WILDCARDS_PER_PATTERN) {
    throw new FilterPatternError(
      `a JSON pattern can contain at most ${MAX_WILDCARDS_PER_PATTERN} wildcard selectors`,
      0,
    );
  }
}

/** Parses the event as a JSON object; anything else (plain text, arrays, broken JSON) never matches. */
function parseEvent(message: string): unknown {
  let start = 0;
  while (start < message.length && message.charCodeAt(start) <= 32) start++;
  if (message[start] !== '{') return undefined;
  try {
    const parsed: unknown = JSON.parse(message);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Adds the selectors no comparison reported (IS NULL, NOT EXISTS, untaken branches) when they hold a value. */
function completeExtraction(
  root: unknown,
  selectors: readonly JsonSelector[],
  values: Record<string, string>,
): void {
  for (const selector of selectors) {
    if (Object.hasOwn(values, selector.text)) continue;
    for (const node of resolveSelector(root, selector)) {
      const scalar = toScalar(node);
      if (scalar) {
        values[selector.text] = scalar.text;
        break;
      }
    }
  }
}

/** `{ $.a = 1 && ($.b = "x" || $.c IS TRUE) }` */
export function compileJsonPattern(pattern: string): CompiledFilterPattern {
  const tokens = tokenize(pattern, true);
  const stream = new TokenStream(tokens);
  const selectors: JsonSelector[] = [];
  stream.expect('lbrace', "'{'");
  const predicate = parseBooleanExpression(stream, () => parseCondition(stream, selectors));
  stream.expect('rbrace', "'&&', '||' or '}'");
  stream.expect('eof', 'end of pattern after }');
  checkQuotas(tokens, selectors);
  return {
    kind: 'json',
    source: pattern,
    match(message: string): MatchResult | undefined {
      const root = parseEvent(message);
      if (root === undefined) return undefined;
      const context: JsonContext = { root, values: {} };
      if (!predicate(context)) return undefined;
      completeExtraction(root, selectors, context.values);
      return { extractedValues: context.values };
    },
  };
}
