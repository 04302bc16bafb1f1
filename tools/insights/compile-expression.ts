import { columnKey, type Expr } from './ast';
import { arithmetic, type ComparisonOp, compareWith } from './compare';
import { fieldRef } from './field-ref';
import { IP_FUNCTIONS } from './ip-functions';
import { translateRegex } from './regex';
import type { Row } from './rows';
import { SCALAR_FUNCTIONS } from './scalar-functions';
import { ceilTime, floorTime, type Period } from './time-periods';
import { Timestamp, toNumber, toText, truthy, type Value } from './values';

export type Evaluator = (row: Row) => Value;

export interface CompileContext {
  readonly text: string;
  /** In a stats item: where each aggregate call's result sits in the group's row. */
  readonly aggregateColumns?: ReadonlyMap<Expr, string>;
  /** After stats: column names by `columnKey`, so `sort count(*) desc` reads the `count(*)` column. */
  readonly columns?: ReadonlyMap<string, string>;
}

const COMPARISONS = new Set(['=', '!=', '<', '<=', '>', '>=']);

const timestampOf = (value: Value): number | undefined => toNumber(value);

const compilePeriodCall = (name: string, period: Period, arg: Evaluator | undefined): Evaluator => {
  if (name === 'bin') {
    return (row) =>
      Number.isNaN(row.timestamp) ? undefined : new Timestamp(floorTime(row.timestamp, period));
  }
  const round = name === 'datefloor' ? floorTime : ceilTime;
  return (row) => {
    const ms = timestampOf(arg!(row));
    return ms === undefined ? undefined : new Timestamp(round(ms, period));
  };
};

/** Compiles an expression to a function of a row, once per query (never per event). */
export const compileExpression = (expr: Expr, context: CompileContext): Evaluator => {
  const compile = (node: Expr): Evaluator => compileExpression(node, context);
  switch (expr.kind) {
    case 'literal': {
      const value = expr.value;
      return () => value;
    }
    case 'field': {
      const ref = fieldRef(expr.name);
      return (row) => row.get(ref);
    }
    case 'period':
    case 'star':
      throw new Error(`internal: ${expr.kind} outside a function call`);
    case 'unary': {
      const operand = compile(expr.operand);
      if (expr.op === 'not') return (row) => !truthy(operand(row));
      return (row) => arithmetic('-', 0, operand(row));
    }
    case 'binary': {
      const left = compile(expr.left);
      const right = compile(expr.right);
      if (expr.op === 'and') return (row) => truthy(left(row)) && truthy(right(row));
      if (expr.op === 'or') return (row) => truthy(left(row)) || truthy(right(row));
      if (COMPARISONS.has(expr.op)) {
        const op = expr.op as ComparisonOp;
        // The common `field = "literal"` skips the general comparison for string values.
        if (op === '=' && expr.right.kind === 'literal' && typeof expr.right.value === 'string') {
          const literal = expr.right.value;
          return (row) => {
            const value = left(row);
            return typeof value === 'string' ? value === literal : compareWith(op, value, literal);
          };
        }
        return (row) => compareWith(op, left(row), right(row));
      }
      const op = expr.op;
      return (row) => arithmetic(op, left(row), right(row));
    }
    case 'match': {
      const target = compile(expr.target);
      const { negated } = expr;
      let test: (text: string) => boolean;
      if (expr.pattern.regex) {
        const regex = translateRegex(expr.pattern.source);
        test = (text) => regex.test(text);
      } else {
        const needle = expr.pattern.source;
        test = (text) => text.includes(needle);
      }
      return (row) => {
        const text = toText(target(row));
        return text !== undefined && test(text) !== negated;
      };
    }
    case 'in': {
      const target = compile(expr.target);
      const { values, negated } = expr;
      return (row) => {
        const value = target(row);
        if (value === undefined) return false;
        return values.some((candidate) => compareWith('=', value, candidate)) !== negated;
      };
    }
    case 'call':
      return compileCall(expr, context, compile);
  }
};

const compileCall = (
  call: Extract<Expr, { kind: 'call' }>,
  context: CompileContext,
  compile: (node: Expr) => Evaluator,
): Evaluator => {
  const column =
    context.aggregateColumns?.get(call) ??
    context.columns?.get(columnKey(context.text.slice(call.start, call.end)));
  if (column !== undefined) {
    const ref = fieldRef(column);
    return (row) => row.get(ref);
  }
  const { name, args } = call;
  const period = args.find((arg) => arg.kind === 'period');
  if (period?.kind === 'period') {
    return compilePeriodCall(name, period.period, args[0].kind === 'period' ? undefined : compile(args[0]));
  }
  if (name === 'frommillis' || name === 'tomillis') {
    const arg = compile(args[0]);
    if (name === 'tomillis') return (row) => timestampOf(arg(row));
    return (row) => {
      const ms = toNumber(arg(row));
      return ms === undefined ? undefined : new Timestamp(ms);
    };
  }
  const spec = SCALAR_FUNCTIONS[name] ?? IP_FUNCTIONS[name];
  if (!spec) throw new Error(`internal: ${name}() reached the compiler unchecked`);
  const compiled = args.map(compile);
  if (compiled.length === 1) {
    const [only] = compiled;
    return (row) => spec.apply([only(row)]);
  }
  return (row) => spec.apply(compiled.map((arg) => arg(row)));
};
