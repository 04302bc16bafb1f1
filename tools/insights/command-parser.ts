import type { Command, CommandBody, Expr, NamedExpr, ParseMode, SortKey } from './ast';
import { ExpressionParser } from './expression-parser';
import type { Lexer, Token } from './lexer';
import { namedGroups } from './regex';

/** Commands only the CloudWatch Logs service can run: a clear refusal beats a wrong answer. */
export const SERVICE_ONLY_COMMANDS = [
  'pattern',
  'anomaly',
  'diff',
  'filterindex',
  'source',
  'lookup',
  'unnest',
  'join',
  'json',
  'fillmissing',
  'accum',
  'addtotals',
  'autoregress',
  'logcompare',
  'relevantfields',
  'eval',
  'rename',
  'head',
  'tail',
];

const isWord = (token: Token, ...words: string[]): boolean =>
  token.type === 'word' && words.includes(token.value.toLowerCase());

const atCommandEnd = (token: Token): boolean => token.type === 'pipe' || token.type === 'eof';

/** One command of the pipeline, from its keyword to just before the next `|`. */
export class CommandParser {
  private readonly expressions: ExpressionParser;

  constructor(private readonly lexer: Lexer) {
    this.expressions = new ExpressionParser(lexer);
  }

  parse(): Command {
    const keyword = this.lexer.next();
    if (keyword.type !== 'word')
      throw this.lexer.error(
        'expected a command (fields, filter, stats, sort, limit, parse, display, dedup)',
        keyword,
      );
    const name = keyword.value.toLowerCase();
    const body = this.body(name, keyword);
    return { ...body, start: keyword.start, end: this.lexer.lastEnd };
  }

  private body(name: string, keyword: Token): CommandBody {
    switch (name) {
      case 'fields':
      case 'display':
        return { kind: name, items: this.namedList() };
      case 'filter':
      case 'where':
        return { kind: 'filter', expr: this.expressions.parse() };
      case 'stats': {
        const items = this.namedList();
        if (!isWord(this.lexer.peek(), 'by')) return { kind: 'stats', items, by: [] };
        this.lexer.next();
        return { kind: 'stats', items, by: this.namedList() };
      }
      case 'sort':
        return { kind: 'sort', keys: this.sortKeys() };
      case 'limit':
        return { kind: 'limit', count: this.limitCount() };
      case 'parse':
        return this.parseCommand();
      case 'dedup':
        return { kind: 'dedup', fields: this.fieldList() };
      case 'unmask':
        while (!atCommandEnd(this.lexer.peek())) this.lexer.next();
        return { kind: 'unmask' };
      default:
        if (SERVICE_ONLY_COMMANDS.includes(name)) {
          const hint = name === 'head' || name === 'tail' ? ' (deprecated: use limit)' : '';
          throw this.lexer.error(
            `the ${keyword.value} command is not supported locally: only the CloudWatch Logs service runs it${hint}`,
            keyword,
          );
        }
        throw this.lexer.error(`unknown command '${keyword.value}'`, keyword);
    }
  }

  private namedList(): NamedExpr[] {
    const items: NamedExpr[] = [];
    do {
      const expr = this.expressions.parse();
      const alias = this.accept('as') ? this.name() : undefined;
      // A column is named by its alias, a field by its name (without backquotes), else by the text as written.
      const name = alias ?? (expr.kind === 'field' ? expr.name : this.lexer.text.slice(expr.start, expr.end));
      items.push({ expr, name, alias: alias !== undefined });
    } while (this.lexer.peek().type === 'comma' && this.lexer.next());
    return items;
  }

  /** Consumes the keyword if it comes next. */
  private accept(word: string): boolean {
    if (!isWord(this.lexer.peek(), word)) return false;
    this.lexer.next();
    return true;
  }

  /** A field or alias name: a bare word or a backquoted name. */
  private name(): string {
    const token = this.lexer.next();
    if (token.type !== 'word' && token.type !== 'field')
      throw this.lexer.error('expected a field name', token);
    return token.value;
  }

  private nameList(): string[] {
    const names = [this.name()];
    while (this.lexer.peek().type === 'comma') {
      this.lexer.next();
      names.push(this.name());
    }
    return names;
  }

  private fieldList(): Expr[] {
    const fields: Expr[] = [];
    do {
      const token = this.lexer.next();
      if (token.type !== 'word' && token.type !== 'field')
        throw this.lexer.error('expected a field name', token);
      fields.push({ kind: 'field', name: token.value, start: token.start, end: token.end });
    } while (this.lexer.peek().type === 'comma' && this.lexer.next());
    return fields;
  }

  private sortKeys(): SortKey[] {
    // `sort by x` appears in AWS's own guides; `by` is read as that word only when a key follows it.
    if (isWord(this.lexer.peek(), 'by')) {
      const by = this.lexer.next();
      if (atCommandEnd(this.lexer.peek()) || isWord(this.lexer.peek(), 'asc', 'desc')) {
        return this.sortRest({ kind: 'field', name: by.value, start: by.start, end: by.end });
      }
    }
    return this.sortRest(this.expressions.parse());
  }

  private sortRest(first: Expr): SortKey[] {
    const keys: SortKey[] = [];
    let expr = first;
    for (;;) {
      // Without asc or desc the service sorts in descending order.
      let descending = true;
      if (isWord(this.lexer.peek(), 'asc', 'desc'))
        descending = this.lexer.next().value.toLowerCase() === 'desc';
      keys.push({ expr, descending });
      if (this.lexer.peek().type !== 'comma') return keys;
      this.lexer.next();
      expr = this.expressions.parse();
    }
  }

  private limitCount(): number {
    const token = this.lexer.next();
    if (token.type !== 'number' || !Number.isInteger(token.number))
      throw this.lexer.error('limit takes a whole number', token);
    return token.number!;
  }

  private parseCommand(): CommandBody {
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
