import type { Lexer, Token } from './lexer';

export const isWord = (token: Token, ...words: string[]): boolean =>
  token.type === 'word' && words.includes(token.value.toLowerCase());

export const atCommandEnd = (token: Token): boolean => token.type === 'pipe' || token.type === 'eof';

/** The small reads every command parser shares: keywords and names. */
export class TokenReader {
  constructor(protected readonly lexer: Lexer) {}

  /** Consumes the keyword if it comes next. */
  protected accept(word: string): boolean {
    if (!isWord(this.lexer.peek(), word)) return false;
    this.lexer.next();
    return true;
  }

  /** A field or alias name: a bare word or a backquoted name. */
  protected name(): string {
    const token = this.lexer.next();
    if (token.type !== 'word' && token.type !== 'field')
      throw this.lexer.error('expected a field name', token);
    return token.value;
  }

  protected nameList(): string[] {
    const names = [this.name()];
    while (this.lexer.peek().type === 'comma') {
      this.lexer.next();
      names.push(this.name());
    }
    return names;
  }
}
