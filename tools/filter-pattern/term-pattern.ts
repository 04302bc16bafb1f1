import { FilterPatternError } from './errors';
import type { CompiledFilterPattern, MatchResult } from './types';

type TermRole = 'required' | 'optional' | 'excluded';

interface Term {
  readonly role: TermRole;
  readonly text: string;
}

const EMPTY: MatchResult = Object.freeze({ extractedValues: Object.freeze({}) as Record<string, string> });
const isSpace = (char: string | undefined): boolean =>
  char === ' ' || char === '\t' || char === '\n' || char === '\r';

function readQuoted(pattern: string, start: number): { text: string; end: number } {
  let text = '';
  for (let pos = start + 1; pos < pattern.length; pos++) {
    const char = pattern[pos];
    if (char === '\\' && (pattern[pos + 1] === '"' || pattern[pos + 1] === '\\')) {
      text += pattern[++pos];
    } else if (char === '"') {
      return { text, end: pos + 1 };
    } else {
      text += char;
    }
  }
  throw new FilterPatternError('unterminated quoted term', start);
}

/** Splits `ERROR -"Exiting now" ?WARN` into terms; `-` and `?` may also stand apart from their term. */
function readTerms(pattern: string): Term[] {
  const terms: Term[] = [];
  let pos = 0;
  while (pos < pattern.length) {
    if (isSpace(pattern[pos])) {
      pos++;
      continue;
    }
    let role: TermRole = 'required';
    const prefix = pattern[pos];
    if (prefix === '-' || prefix === '?') {
      role = prefix === '-' ? 'excluded' : 'optional';
      pos++;
      // The older docs write an exclusion with a space: `"ERROR" - "Exiting"`.
      while (isSpace(pattern[pos])) pos++;
      if (pos >= pattern.length) throw new FilterPatternError(`expected a term after '${prefix}'`, pos - 1);
    }
    if (pattern[pos] === '"') {
      const { text, end } = readQuoted(pattern, pos);
      terms.push({ role, text });
      pos = end;
    } else {
      const start = pos;
      while (pos < pattern.length && !isSpace(pattern[pos])) pos++;
      terms.push({ role, text: pattern.slice(start, pos) });
    }
  }
  return terms;
}

/**
 * Unstructured-text patterns. Terms are case-sensitive substrings ("ERROR" matches "Exiting with
 * ERRORCODE: -1" in the docs); all plain terms must appear and no `-` term may. `?` terms are ORed, but
 * "If you combine "?" with other filter patterns, all question mark terms will be ignored."
 * A quoted blank term (`" "`) matches everything, as documented under "Match everything".
 */
export function compileTermPattern(pattern: string): CompiledFilterPattern {
  const terms = readTerms(pattern).filter((term) => term.text.trim() !== '' || term.role !== 'excluded');
  const blank = (term: Term): boolean => term.text.trim() === '';
  const required = terms.filter((term) => term.role === 'required');
  const excluded = terms.filter((term) => term.role === 'excluded').map((term) => term.text);
  const optional = terms.filter((term) => term.role === 'optional');
  const needed = required.filter((term) => !blank(term)).map((term) => term.text);
  let match: (message: string) => boolean;
  if (required.length > 0 || excluded.length > 0) {
    match = (message) =>
      needed.every((text) => message.includes(text)) && !excluded.some((text) => message.includes(text));
  } else if (optional.some(blank)) {
    match = () => true;
  } else {
    const anyOf = optional.map((term) => term.text);
    match = (message) => anyOf.some((text) => message.includes(text));
  }
  return {
    kind: 'term',
    source: pattern,
    match: (message) => (match(message) ? EMPTY : undefined),
  };
}
