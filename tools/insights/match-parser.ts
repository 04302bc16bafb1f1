import type { Expr } from './ast';
import type { Lexer } from './lexer';

const span = (from: { start: number }, to: { end: number }) => ({ start: from.start, end: to.end });

/** The right side of `like` / `=~`: a "string" (substring match) or a /regex/. */
export const parseMatch = (lexer: Lexer, target: Expr, negated: boolean): Expr => {
  const token = lexer.peek();
  if (token.type === 'operator' && token.value === '/') {
    const regex = lexer.regex();
    return {
      kind: 'match',
      negated,
      target,
      pattern: { regex: true, source: regex.value },
      ...span(target, regex),
    };
  }
  if (token.type === 'string') {
    lexer.next();
    return {
      kind: 'match',
      negated,
      target,
      pattern: { regex: false, source: token.value },
      ...span(target, token),
    };
  }
  throw lexer.error('like and =~ take a "string" or a /regular expression/', token);
};

/** The list of `in [...]`: literal values only, as the service takes them. */
export const parseMembership = (lexer: Lexer, target: Expr, negated: boolean, value: () => Expr): Expr => {
  const open = lexer.next();
  if (open.type !== 'lbracket') throw lexer.error("expected '[' after 'in'", open);
  const values: (string | number | boolean)[] = [];
  while (lexer.peek().type !== 'rbracket') {
    const item = value();
    if (item.kind !== 'literal') throw lexer.error('in [...] takes literal values only', item);
    values.push(item.value);
    if (lexer.peek().type !== 'comma') break;
    lexer.next();
  }
  const close = lexer.next();
  if (close.type !== 'rbracket') throw lexer.error("expected ',' or ']' in the list", close);
  return { kind: 'in', negated, target, values, ...span(target, close) };
};
