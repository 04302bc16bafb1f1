type Value = number | undefined;

const arithmetic: Record<string, (a: number, b: number) => Value> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  // CloudWatch drops a datapoint that divides by zero rather than publishing Infinity.
  '/': (a, b) => (b === 0 ? undefined : a / b),
  '==': (a, b) => Number(a === b),
  '!=': (a, b) => Number(a !== b),
  '<': (a, b) => Number(a < b),
  '<=': (a, b) => Number(a <= b),
  '>': (a, b) => Number(a > b),
  '>=': (a, b) => Number(a >= b),
  '&&': (a, b) => Number(a !== 0 && b !== 0),
  '||': (a, b) => Number(a !== 0 || b !== 0),
};

/** Binary operator levels, loosest first; AND/OR are metric math's spellings of && and ||. */
const levels: readonly (readonly string[])[] = [
  ['||'],
  ['&&'],
  ['==', '!=', '<=', '>=', '<', '>'],
  ['+', '-'],
  ['*', '/'],
];

const tokenPattern = /\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||[-+*/(),<>]/g;

/**
 * A small evaluator for the metric-math expressions alarms use (`100 * FILL(e, 0) / (FILL(r0, 0))`,
 * `IF(total >= 20, rate, 0)`): numbers, ids, arithmetic, comparisons, AND/OR, FILL(x, v), IF(c, a, b).
 * A missing operand makes the result missing, as a metric with no datapoint in the period does.
 */
export const evaluateMathExpression = (
  expression: string,
  values: Readonly<Record<string, Value>>,
): Value => {
  const tokens = (expression.match(tokenPattern) ?? []).map((token) =>
    token.toUpperCase() === 'AND' ? '&&' : token.toUpperCase() === 'OR' ? '||' : token,
  );
  let index = 0;
  const peek = () => tokens[index];
  const next = () => tokens[index++];
  const expect = (token: string) => {
    if (next() !== token) throw new Error(`Expected ${token} in metric math "${expression}"`);
  };
  const call = (): Value[] => {
    expect('(');
    const args = [binary(0)];
    while (peek() === ',') {
      next();
      args.push(binary(0));
    }
    expect(')');
    return args;
  };

  const primary = (): Value => {
    const token = next();
    if (token === undefined) throw new Error(`Unexpected end of metric math "${expression}"`);
    if (token === '(') {
      const value = binary(0);
      expect(')');
      return value;
    }
    if (token === '-') {
      const value = primary();
      return value === undefined ? undefined : -value;
    }
    if (/^\d/.test(token)) return Number(token);
    const name = token.toUpperCase();
    if (name === 'FILL' && peek() === '(') {
      const [value, fill] = call();
      return value ?? fill;
    }
    if (name === 'IF' && peek() === '(') {
      const [condition, whenTrue, whenFalse = undefined] = call();
      if (condition === undefined) return undefined;
      return condition !== 0 ? whenTrue : whenFalse;
    }
    if (!(token in values)) throw new Error(`Unknown id ${token} in metric math "${expression}"`);
    return values[token];
  };

  function binary(level: number): Value {
    if (level === levels.length) return primary();
    let value = binary(level + 1);
    while (levels[level].includes(peek() ?? '')) {
      const op = next()!;
      const right = binary(level + 1);
      value = value === undefined || right === undefined ? undefined : arithmetic[op](value, right);
    }
    return value;
  }

  const result = binary(0);
  if (index !== tokens.length) throw new Error(`Unsupported metric math "${expression}"`);
  return result;
};
