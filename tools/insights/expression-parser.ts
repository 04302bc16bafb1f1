import type { BinaryOp, Expr } from './ast';
import type { Lexer, Token } from './lexer';
import { parseMatch, parseMembership } from './match-parser';

const COMPARISONS: Record<string, BinaryOp> = {
  '=': '=',
  '==': '=',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

const isWord = (token: Token, word: string): boolean =>
  token.type === 'word' && token.value.toLowerCase() === word;

const span = (from: { start: number }, to: { end: number }) => ({ start: from.start, end: to.end });

/**
 * Expressions, loosest binding first: `or`, `and`, `not`, comparisons (`=`, `!=`, `<`..., `like`, `=~`, `in`,
 * their `not` forms), `+ -`, `* / %`, unary minus, `^` (right-associative), then literals, fields, calls and
 * parentheses. Keywords and function names are case-insensitive, as in the service.
 */
export class ExpressionParser {
  constructor(private readonly lexer: Lexer) {}

  parse(): Expr {
    return this.or();
  }

  private or(): Expr {
    let left = this.and();
    while (isWord(this.lexer.peek(), 'or')) {
      this.lexer.next();
      const right = this.and();
      left = { kind: 'binary', op: 'or', left, right, ...span(left, right) };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (isWord(this.lexer.peek(), 'and')) {
      this.lexer.next();
      const right = this.not();
      left = { kind: 'binary', op: 'and', left, right, ...span(left, right) };
    }
    return left;
  }

  private not(): Expr {
    const token = this.lexer.peek();
    if (!isWord(token, 'not')) return this.comparison();
    this.lexer.next();
    const operand = this.not();
    return { kind: 'unary', op: 'not', operand, ...span(token, operand) };
  }

  private comparison(): Expr {
    const left = this.additive();
    let token = this.lexer.peek();
    const op = token.type === 'operator' ? COMPARISONS[token.value] : undefined;
    if (op) {
      this.lexer.next();
      const right = this.additive();
      return { kind: 'binary', op, left, right, ...span(left, right) };
    }
    let negated = false;
    if (isWord(token, 'not')) {
      this.lexer.next();
      negated = true;
      token = this.lexer.peek();
      if (!isWord(token, 'like') && !isWord(token, 'in'))
        throw this.lexer.error("expected 'like' or 'in' after 'not'", token);
    }
    if (isWord(token, 'like') || (token.type === 'operator' && token.value === '=~')) {
      this.lexer.next();
      return parseMatch(this.lexer, left, negated);
    }
    if (isWord(token, 'in')) {
      this.lexer.next();
      return parseMembership(this.lexer, left, negated, () => this.unary());
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    for (
      let token = this.lexer.peek();
      token.value === '+' || token.value === '-';
      token = this.lexer.peek()
    ) {
      if (token.type !== 'operator') break;
      this.lexer.next();
      const right = this.multiplicative();
      left = { kind: 'binary', op: token.value as BinaryOp, left, right, ...span(left, right) };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    for (let token = this.lexer.peek(); ['*', '/', '%'].includes(token.value); token = this.lexer.peek()) {
      if (token.type !== 'operator') break;
      this.lexer.next();
      const right = this.unary();
      left = { kind: 'binary', op: token.value as BinaryOp, left, right, ...span(left, right) };
    }
    return left;
  }

  private unary(): Expr {
    const token = this.lexer.peek();
    if (token.type === 'operator' && token.value === '-') {
      this.lexer.next();
      const operand = this.unary();
      if (operand.kind === 'literal' && typeof operand.value === 'number') {
        return { kind: 'literal', value: -operand.value, ...span(token, operand) };
      }
      return { kind: 'unary', op: '-', operand, ...span(token, operand) };
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.primary();
    const token = this.lexer.peek();
    if (token.type !== 'operator' || token.value !== '^') return base;
    this.lexer.next();
    const exponent = this.unary();
    return { kind: 'binary', op: '^', left: base, right: exponent, ...span(base, exponent) };
  }

  private primary(): Expr {
    const token = this.lexer.next();
    switch (token.type) {
      case 'number':
        return { kind: 'literal', value: token.number!, start: token.start, end: token.end };
      case 'string':
        return { kind: 'literal', value: token.value, start: token.start, end: token.end };
      case 'period':
        return { kind: 'period', period: token.period!, start: token.start, end: token.end };
      case 'field':
        return { kind: 'field', name: token.value, start: token.start, end: token.end };
      case 'lparen': {
        const inner = this.or();
        const close = this.lexer.next();
        if (close.type !== 'rparen') throw this.lexer.error("expected ')'", close);
        return inner;
      }
      case 'word':
        return this.word(token);
      default:
        throw this.lexer.error(this.describe(token), token);
    }
  }

  private word(token: Token): Expr {
    const lower = token.value.toLowerCase();
    if (this.lexer.peek().type === 'lparen') return this.call(token);
    if (lower === 'true' || lower === 'false') {
      return { kind: 'literal', value: lower === 'true', start: token.start, end: token.end };
    }
    if (['and', 'or', 'not', 'like', 'in', 'as', 'by', 'asc', 'desc'].includes(lower)) {
      throw this.lexer.error(`unexpected keyword '${token.value}', expected a value`, token);
    }
    return { kind: 'field', name: token.value, start: token.start, end: token.end };
  }

  private call(name: Token): Expr {
    this.lexer.next();
    const args: Expr[] = [];
    if (this.lexer.peek().type === 'operator' && this.lexer.peek().value === '*') {
      const star = this.lexer.next();
      args.push({ kind: 'star', start: star.start, end: star.end });
    } else {
      while (this.lexer.peek().type !== 'rparen') {
        args.push(this.or());
        if (this.lexer.peek().type !== 'comma') break;
        this.lexer.next();
      }
    }
    const close = this.lexer.next();
    if (close.type !== 'rparen') throw this.lexer.error(`expected ',' or ')' in ${name.value}(...)`, close);
    return { kind: 'call', name: name.value.toLowerCase(), args, ...span(name, close) };
  }

  private describe(token: Token): string {
    if (token.type === 'eof') return 'unexpected end of query, expected a value';
    if (token.type === 'pipe') return "unexpected '|', expected a value";
    if (token.type === 'operator' && token.value === '/')
      return 'a /regular expression/ is only valid after like or =~';
    return `unexpected '${token.value}', expected a value`;
  }
}
