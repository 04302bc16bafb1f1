import type { TokenStream } from './lexer';

/** A compiled condition over some context (a parsed JSON event, or the fields of a line). */
export type Predicate<Context> = (context: Context) => boolean;

/**
 * Parses `a && b || (c && d)` with the documented precedence "() > && > ||", delegating each
 * condition to `parseCondition`. Used by both JSON patterns and space-delimited fields.
 */
export function parseBooleanExpression<Context>(
  stream: TokenStream,
  parseCondition: () => Predicate<Context>,
): Predicate<Context> {
  const parsePrimary = (): Predicate<Context> => {
    if (stream.accept('lparen')) {
      const inner = parseOr();
      stream.expect('rparen', "')'");
      return inner;
    }
    return parseCondition();
  };
  const parseAnd = (): Predicate<Context> => {
    const operands = [parsePrimary()];
    while (stream.accept('and')) operands.push(parsePrimary());
    return operands.length === 1 ? operands[0] : (context) => operands.every((operand) => operand(context));
  };
  const parseOr = (): Predicate<Context> => {
    const operands = [parseAnd()];
    while (stream.accept('or')) operands.push(parseAnd());
    return operands.length === 1 ? operands[0] : (context) => operands.some((operand) => operand(context));
  };
  return parseOr();
}
