import { compileFilterPattern, FilterPatternError, testMetricFilter } from '../../tools/filter-pattern';

function rejection(pattern: string): FilterPatternError {
  try {
    compileFilterPattern(pattern);
  } catch (error) {
    if (error instanceof FilterPatternError) return error;
    throw error;
  }
  throw new Error(`pattern was accepted: ${pattern}`);
}

describe('invalid patterns', () => {
  it('names the unexpected token and its position', () => {
    const error = rejection('{ $.a = 1 && && $.b = 2 }');
    expect(error.message).toBe(
      "unexpected token '&&', expected a property selector such as $.field at position 13",
    );
    expect(error.position).toBe(13);
    expect(error).toBeInstanceOf(Error);
  });

  it.each([
    ['{ $.a = 1', 'unexpected end of pattern'],
    ['{ $.a = }', "expected a value after '='"],
    ['{ $.a 1 }', 'expected an operator'],
    ['{ }', 'expected a property selector'],
    ['{ a = 1 }', 'expected a property selector'],
    ['{ $.a = 1 } trailing', 'unexpected token'],
    ['{ ($.a = 1 }', "expected ')'"],
    ['{ $.a = "open }', 'unterminated quoted string'],
    ['{ $.a < "text" }', "operator '<' needs a number"],
    ['{ $.a = user@example.com }', 'must be enclosed in double quotes'],
    ['{ $.a IS NOT NULL }', "'IS NOT' is not supported"],
    ['{ $.a EXISTS }', "'EXISTS' is not supported"],
    ['{ $.a IS MAYBE }', 'expected NULL, TRUE or FALSE'],
    ['{ $.a & $.b }', "unexpected character '&'"],
    ['{ $.a.*.b[*] = 1 }', 'more than one wildcard'],
    ['{ $.a[*] = 1 || $.b[*] = 1 || $.c.* = 1 || $.d[*] = 1 }', 'at most 3 wildcard selectors'],
    ['{ $.a = %r1% && $.b = %r2% && $.c = %r3% }', 'at most 2 regular expressions'],
    ['{ $.eventType = %Trail% ', 'unexpected end of pattern'],
    ['[w1=%a%, w2=%b%, w3=%c%]', 'at most 2 regular expressions'],
    ['[w1=%time%', 'unexpected end of pattern'],
    ['[a, ..., b, ...]', "only one '...'"],
    ['[]', 'expected at least one field'],
    ['[a b]', "expected ',' or ']'"],
    ['%something!%', "unsupported character '!'"],
    ['%(alpha|beta)%', "unsupported character '('"],
    ['%マルチバイト%', 'unsupported character'],
    ['%\\(ab\\)%', 'unsupported escape'],
    ['%[unclosed%', 'invalid regular expression'],
    ['%%', 'empty regular expression'],
    ['%abc', 'unterminated regular expression'],
    ['%a% b', "unexpected 'b' after the regular expression"],
    ['ERROR "unterminated', 'unterminated quoted term'],
    ['ERROR -', "expected a term after '-'"],
  ])('rejects %s', (pattern, problem) => {
    expect(rejection(pattern).message).toContain(problem);
  });

  it('rejects a pattern longer than 1024 characters', () => {
    expect(rejection(`"${'a'.repeat(1024)}"`).message).toContain('longer than 1024 characters');
    expect(() => compileFilterPattern('a'.repeat(1024))).not.toThrow();
  });

  it('throws from testMetricFilter too', () => {
    expect(() => testMetricFilter('{ $.a = }', ['{}'])).toThrow(FilterPatternError);
  });
});
