import { FilterPatternError } from './errors';

export type TokenType =
  | 'lbrace'
  | 'rbrace'
  | 'lparen'
  | 'rparen'
  | 'lbracket'
  | 'rbracket'
  | 'comma'
  | 'and'
  | 'or'
  | 'operator'
  | 'selector'
  | 'string'
  | 'regex'
  | 'word'
  | 'eof';

export interface Token {
  readonly type: TokenType;
  /** The raw text in the pattern (for error messages). */
  readonly text: string;
  /** The unescaped content for strings and regexes; the raw text otherwise. */
  readonly value: string;
  readonly position: number;
}

const PUNCTUATION: Record<string, TokenType> = {
  '{': 'lbrace',
  '}': 'rbrace',
  '(': 'lparen',
  ')': 'rparen',
  '[': 'lbracket',
  ']': 'rbracket',
  ',': 'comma',
};

/** Characters that end an unquoted word: whitespace is checked separately. */
const WORD_BREAKERS = new Set([...'{}()[],"%=!<>&|']);

const isSpace = (char: string): boolean => char === ' ' || char === '\t' || char === '\n' || char === '\r';

/** Scans a `$`-selector: names, dots, brackets with indexes, `*` and quoted keys (`$.['a.b']`). */
function scanSelector(source: string, start: number): number {
  let pos = start + 1;
  while (pos < source.length) {
    const char = source[pos];
    if (char === '[' && (source[pos + 1] === "'" || source[pos + 1] === '"')) {
      const close = source.indexOf(source[pos + 1], pos + 2);
      if (close < 0) throw new FilterPatternError('unterminated quoted property name', pos + 1);
      pos = close + 1;
    } else if (/[A-Za-z0-9_\-.*[\]]/.test(char)) {
      pos++;
    } else {
      break;
    }
  }
  return pos;
}

function scanQuoted(source: string, start: number, quote: string): { end: number; value: string } {
  let value = '';
  let pos = start + 1;
  while (pos < source.length) {
    const char = source[pos];
    if (char === '\\' && pos + 1 < source.length) {
      // Only the quote and the backslash need escaping; other escapes keep their backslash.
      const next = source[pos + 1];
      value += next === quote || next === '\\' ? next : char + next;
      pos += 2;
    } else if (char === quote) {
      return { end: pos + 1, value };
    } else {
      value += char;
      pos++;
    }
  }
  throw new FilterPatternError('unterminated quoted string', start);
}

/** Tokenizes the inside of JSON (`{...}`) and space-delimited (`[...]`) patterns. */
export function tokenize(source: string, allowSelectors: boolean): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const push = (type: TokenType, start: number, end: number, value?: string): void => {
    const text = source.slice(start, end);
    tokens.push({ type, text, value: value ?? text, position: start });
    pos = end;
  };
  while (pos < source.length) {
    const char = source[pos];
    const two = source.slice(pos, pos + 2);
    if (isSpace(char)) {
      pos++;
    } else if (PUNCTUATION[char]) {
      push(PUNCTUATION[char], pos, pos + 1);
    } else if (two === '&&') {
      push('and', pos, pos + 2);
    } else if (two === '||') {
      push('or', pos, pos + 2);
    } else if (two === '!=' || two === '<=' || two === '>=') {
      push('operator', pos, pos + 2);
    } else if (char === '=' || char === '<' || char === '>') {
      push('operator', pos, pos + 1);
    } else if (char === '"') {
      const { end, value } = scanQuoted(source, pos, '"');
      push('string', pos, end, value);
    } else if (char === '%') {
      const close = source.indexOf('%', pos + 1);
      if (close < 0) throw new FilterPatternError('unterminated regular expression', pos);
      push('regex', pos, close + 1, source.slice(pos + 1, close));
    } else if (char === '$' && allowSelectors) {
      push('selector', pos, scanSelector(source, pos));
    } else if (WORD_BREAKERS.has(char)) {
      throw new FilterPatternError(`unexpected character '${char}'`, pos);
    } else {
      let end = pos;
      while (end < source.length && !isSpace(source[end]) && !WORD_BREAKERS.has(source[end])) end++;
      push('word', pos, end);
    }
  }
  tokens.push({ type: 'eof', text: '', value: '', position: source.length });
  return tokens;
}

/** A cursor over tokens with the error helpers both structured parsers need. */
export class TokenStream {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  accept(type: TokenType): Token | undefined {
    return this.peek().type === type ? this.next() : undefined;
  }

  expect(type: TokenType, what: string): Token {
    const token = this.peek();
    if (token.type !== type) throw unexpected(token, what);
    return this.next();
  }
}

export function unexpected(token: Token, expected?: string): FilterPatternError {
  const found = token.type === 'eof' ? 'end of pattern' : `token '${token.text}'`;
  return new FilterPatternError(
    `unexpected ${found}${expected ? `, expected ${expected}` : ''}`,
    token.position,
  );
}
