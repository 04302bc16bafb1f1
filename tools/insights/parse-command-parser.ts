import type { CommandBody, Expr, ParseMode } from './ast';
import type { Token } from './lexer';
import { namedGroups } from './regex';
import { isWord, TokenReader } from './token-reader';

/**
 * `parse [field] "glob * pattern" as a, b`, `parse [field] /regex/ [as a, b] [multi]`, `parse [field] logfmt
 * as lf`, `parse [field] csv as a, b`: the source field is optional (default `@message`).
 */
export class ParseCommandParser extends TokenReader {
  parse(): CommandBody {
    let token = this.lexer.peek();
    // Without a source field, @message; errors about it point at the pattern.
    let source: Expr = { kind: 'field', name: '@message', start: token.start, end: token.end };
    if (token.type === 'word' || token.type === 'field') {
      this.lexer.next();
      const keywordMode =
        token.type === 'word' && isWord(token, 'logfmt', 'csv') && isWord(this.lexer.peek(), 'as');
      if (keywordMode) return { kind: 'parse', source, mode: this.keywordMode(token) };
      source = { kind: 'field', name: token.value, start: token.start, end: token.end };
      token = this.lexer.peek();
    }
    if (isWord(token, 'logfmt', 'csv')) {
      this.lexer.next();
      return { kind: 'parse', source, mode: this.keywordMode(token) };
    }
    return { kind: 'parse', source, mode: this.patternMode() };
  }

  private keywordMode(keyword: Token): ParseMode {
    const as = this.lexer.next();
    if (!isWord(as, 'as')) throw this.lexer.error(`parse ${keyword.value} needs 'as'`, as);
    if (keyword.value.toLowerCase() === 'csv') return { kind: 'csv', names: this.nameList() };
    return { kind: 'logfmt', alias: this.name() };
  }

  private patternMode(): ParseMode {
    const token = this.lexer.peek();
    if (token.type === 'string') {
      this.lexer.next();
      const as = this.lexer.next();
      if (!isWord(as, 'as')) throw this.lexer.error("a parse pattern needs 'as' and one name per *", as);
      const names = this.nameList();
      const stars = token.value.split('*').length - 1;
      if (stars !== names.length) {
        throw this.lexer.error(`the pattern has ${stars} * but ${names.length} name(s) follow 'as'`, token);
      }
      return { kind: 'glob', pattern: token.value, names };
    }
    if (token.type === 'operator' && token.value === '/') {
      const regex = this.lexer.regex();
      const byGroupName = !this.accept('as');
      const names = byGroupName ? namedGroups(regex.value) : this.nameList();
      if (names.length === 0)
        throw this.lexer.error('the regular expression needs named groups (?<name>...) or as', regex);
      const multi = isWord(this.lexer.peek(), 'multi') && Boolean(this.lexer.next());
      return { kind: 'regex', source: regex.value, names, byGroupName, multi };
    }
    throw this.lexer.error('parse takes a "glob * pattern", a /regex/, logfmt or csv', token);
  }
}
