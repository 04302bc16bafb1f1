import { QueryError } from './errors';
import { type Period, periodUnit } from './time-periods';

export type TokenType =
  | 'word'
  | 'field'
  | 'string'
  | 'number'
  | 'period'
  | 'regex'
  | 'operator'
  | 'lparen'
  | 'rparen'
  | 'lbracket'
  | 'rbracket'
  | 'comma'
  | 'pipe'
  | 'eof';

export interface Token {
  readonly type: TokenType;
  /** Unescaped content of strings, backquoted fields and regexes; the raw text otherwise. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
  readonly number?: number;
  readonly period?: Period;
}

const PUNCTUATION: Record<string, TokenType> = {
  '(': 'lparen',
  ')': 'rparen',
  '[': 'lbracket',
  ']': 'rbracket',
  ',': 'comma',
  '|': 'pipe',
};
const OPERATORS = ['==', '!=', '<=', '>=', '=~', '=', '<', '>', '+', '-', '*', '/', '%', '^'];
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" };

/** Letters, digits, `_`, `@`, `.` and `$`: what a field name may hold without backquotes. */
const isWordChar = (c: string): boolean => /[A-Za-z0-9_@.$]/.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * Tokens on demand, because `/` is division or the start of a regex depending on where the parser is: the
 * parser calls `regex()` where a pattern may appear. `#` starts a comment up to the end of the line.
 */
export class Lexer {
  private pos = 0;
  private lookahead: Token | undefined;
  /** Where the last consumed token ends: commands end there, not at the comments that follow. */
  lastEnd = 0;

  constructor(readonly text: string) {}

  peek(): Token {
    this.lookahead ??= this.scan();
    return this.lookahead;
  }

  next(): Token {
    const token = this.peek();
    this.lookahead = undefined;
    this.lastEnd = token.end;
    return token;
  }

  error(problem: string, token: { start: number; end: number }): QueryError {
    return new QueryError(problem, this.text, token.start, token.end);
  }

  /** Re-reads the `/` the parser just peeked as a `/regex/` literal. */
  regex(): Token {
    const slash = this.peek();
    let i = slash.start + 1;
    let inClass = false;
    for (; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '\\') i++;
      else if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) break;
    }
    if (i >= this.text.length) throw this.error('unterminated regular expression', slash);
    if (/[A-Za-z]/.test(this.text[i + 1] ?? '')) {
      throw this.error('regular expression flags are not supported: use (?i) inside the pattern', {
        start: i + 1,
        end: i + 2,
      });
    }
    this.lookahead = undefined;
    this.pos = i + 1;
    this.lastEnd = i + 1;
    return { type: 'regex', value: this.text.slice(slash.start + 1, i), start: slash.start, end: i + 1 };
  }

  private skipSpaceAndComments(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === '#') {
        const newline = text.indexOf('\n', this.pos);
        this.pos = newline < 0 ? text.length : newline;
      } else if (/\s/.test(c)) this.pos++;
      else return;
    }
  }

  private scan(): Token {
    this.skipSpaceAndComments();
    const text = this.text;
    const start = this.pos;
    if (start >= text.length) return { type: 'eof', value: '', start, end: start };
    const c = text[start];
    const token = (type: TokenType, end: number, value = text.slice(start, end)): Token => {
      this.pos = end;
      return { type, value, start, end };
    };
    if (PUNCTUATION[c]) return token(PUNCTUATION[c], start + 1);
    if (c === '"' || c === "'") return this.quoted(start, c, 'string');
    if (c === '`') return this.quoted(start, c, 'field');
    if (isDigit(c) || (c === '.' && isDigit(text[start + 1]))) return this.numberOrPeriod(start);
    const operator = OPERATORS.find((op) => text.startsWith(op, start));
    if (operator) return token('operator', start + operator.length);
    if (isWordChar(c)) {
      let end = start;
      while (end < text.length && isWordChar(text[end])) end++;
      return token('word', end);
    }
    throw this.error(`unexpected character '${c}'`, { start, end: start + 1 });
  }

  private quoted(start: number, quote: string, type: 'string' | 'field'): Token {
    const text = this.text;
    let value = '';
    for (let i = start + 1; i < text.length; i++) {
      const c = text[i];
      if (c === quote && type === 'field' && text[i + 1] === quote) {
        value += quote;
        i++;
      } else if (c === quote) {
        this.pos = i + 1;
        if (type === 'field' && value === '') throw this.error('empty field name', { start, end: i + 1 });
        return { type, value, start, end: i + 1 };
      } else if (c === '\\' && type === 'string' && i + 1 < text.length) {
        const next = text[++i];
        value += ESCAPES[next] ?? `\\${next}`;
      } else {
        value += c;
      }
    }
    const what = type === 'field' ? 'backquoted field name' : 'string';
    throw this.error(`unterminated ${what}`, { start, end: text.length });
  }

  private numberOrPeriod(start: number): Token {
    const text = this.text;
    const match = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(start))!;
    let end = start + match[0].length;
    const number = Number(match[0]);
    if (!/[A-Za-z_]/.test(text[end] ?? '')) {
      this.pos = end;
      return { type: 'number', value: match[0], start, end, number };
    }
    while (end < text.length && /[A-Za-z_]/.test(text[end])) end++;
    const suffix = text.slice(start + match[0].length, end);
    const unit = periodUnit(suffix);
    const span = { start, end };
    if (!unit) throw this.error(`unknown time unit '${suffix}' in '${text.slice(start, end)}'`, span);
    if (!/^\d+$/.test(match[0]) || number < 1) {
      throw this.error(`a time period needs a positive whole number, got '${match[0]}'`, span);
    }
    this.pos = end;
    const period = { unit, amount: number, text: text.slice(start, end) };
    return { type: 'period', value: period.text, start, end, period };
  }
}
