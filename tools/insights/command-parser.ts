import type { Command, CommandBody, Expr, NamedExpr, SortKey } from './ast';
import { ExpressionParser } from './expression-parser';
import type { Lexer, Token } from './lexer';
import { ParseCommandParser } from './parse-command-parser';
import { atCommandEnd, isWord, TokenReader } from './token-reader';

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

/** One command of the pipeline, from its keyword to just before the next `|`. */
export class CommandParser extends TokenReader {
  private readonly expressions: ExpressionParser;

  constructor(lexer: Lexer) {
    super(lexer);
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
        return new ParseCommandParser(this.lexer).parse();
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
}
