import { FilterPatternError } from './errors';
import type { CompiledFilterPattern, MatchResult } from './types';

/**
 * The documented regex subset: letters, digits, the symbols `: _ # = @ / ; , -` and the operators
 * `^ $ ? [ ] { } | \ * + .`. "The ( and ) operators are not supported" and "Multi-byte characters are
 * not supported". The space is accepted because a documented example uses one
 * (`%^starting|^initializing|^shutting down%`).
 */
const LITERALS = /[A-Za-z0-9:_#=@/;,\- ]/;
const OPERATORS = new Set([...'^$?[]|*+.']);
const CLASS_ESCAPES = new Set([...'dDsSwW']);
const REPETITION = /^\{\s*(\d*)\s*(?:(,)\s*(\d*)\s*)?\}/;

const EMPTY: MatchResult = Object.freeze({ extractedValues: Object.freeze({}) as Record<string, string> });

/**
 * Translates a CloudWatch regex (the text between the `%` signs) into a JavaScript RegExp, rejecting
 * what AWS rejects. `offset` is the position of the first regex character in the whole pattern.
 */
export function compileRegex(body: string, offset: number): RegExp {
  if (body.length === 0) throw new FilterPatternError('empty regular expression', offset - 1);
  let source = '';
  let pos = 0;
  while (pos < body.length) {
    const char = body[pos];
    const at = offset + pos;
    if (char === '\\') {
      const next = body[pos + 1];
      if (next === undefined) throw new FilterPatternError('trailing backslash in regular expression', at);
      if (CLASS_ESCAPES.has(next)) {
        source += `\\${next}`;
        pos += 2;
      } else if (next === 'x') {
        const hex = body.slice(pos + 2, pos + 4);
        if (!/^[0-9A-Fa-f]{2}$/.test(hex))
          throw new FilterPatternError('\\x needs two hexadecimal digits', at);
        source += `\\x${hex}`;
        pos += 4;
      } else if (
        OPERATORS.has(next) ||
        next === '{' ||
        next === '}' ||
        next === '\\' ||
        /[:_#=@/;,\- ]/.test(next)
      ) {
        // Escaping gives an operator or symbol its literal meaning; `\xhh` is the way to other characters.
        source += /[A-Za-z0-9:_#=@;, ]/.test(next) ? next : `\\${next}`;
        pos += 2;
      } else {
        throw new FilterPatternError(`unsupported escape '\\${next}' in regular expression`, at);
      }
    } else if (char === '{') {
      const repetition = REPETITION.exec(body.slice(pos));
      if (!repetition || (repetition[1] === '' && repetition[3] === '' && repetition[2] !== undefined)) {
        throw new FilterPatternError("invalid repetition '{'", at);
      }
      if (repetition[1] === '' && repetition[2] === undefined)
        throw new FilterPatternError("invalid repetition '{'", at);
      // The docs let either bound be omitted (`{,5}`); JavaScript needs the explicit 0.
      const min = repetition[1] === '' ? '0' : repetition[1];
      source += repetition[2] === undefined ? `{${min}}` : `{${min},${repetition[3]}}`;
      pos += repetition[0].length;
    } else if (char === '}') {
      throw new FilterPatternError("unexpected '}' in regular expression", at);
    } else if (OPERATORS.has(char)) {
      source += char;
      pos++;
    } else if (LITERALS.test(char)) {
      source += char === '/' ? '\\/' : char;
      pos++;
    } else {
      throw new FilterPatternError(`unsupported character '${char}' in regular expression`, at);
    }
  }
  try {
    return new RegExp(source);
  } catch (error) {
    const reason =
      error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    throw new FilterPatternError(`invalid regular expression (${reason})`, offset);
  }
}

/** A whole pattern of the form `%regex%`: matches when the regex is found anywhere in the message. */
export function compileRegexPattern(pattern: string): CompiledFilterPattern {
  const start = pattern.indexOf('%');
  const end = pattern.indexOf('%', start + 1);
  if (end < 0) throw new FilterPatternError('unterminated regular expression', start);
  const rest = pattern.slice(end + 1);
  if (rest.trim() !== '') {
    const at = end + 1 + (rest.length - rest.trimStart().length);
    throw new FilterPatternError(`unexpected '${pattern[at]}' after the regular expression`, at);
  }
  const regex = compileRegex(pattern.slice(start + 1, end), start + 1);
  return {
    kind: 'regex',
    source: pattern,
    match: (message) => (regex.test(message) ? EMPTY : undefined),
  };
}
