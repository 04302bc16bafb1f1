import { children, columnKey, type Expr } from './ast';
import { QueryError } from './errors';
import { arityOf, type FunctionArity, functionKind, unknownFunctionProblem } from './function-catalog';
import { isValidSubnet } from './ip-functions';
import { translateRegex } from './regex';
import { effectiveAmount, PERIOD_CAPS } from './time-periods';

const NEEDS_TIMESTAMP = new Set(['bin', 'earliest', 'latest']);
const IN_SUBNET = /^isip(v[46])?insubnet$/;

type Call = Extract<Expr, { kind: 'call' }>;

/**
 * Checks expressions against what exists where they stand: before any stats every field may exist; after one,
 * only its columns, the fields defined later and (for `parse ... logfmt as lf`) every `lf.<key>`.
 */
export class ExpressionChecker {
  /** Column names after the last stats (also by `columnKey`); undefined before any stats. */
  available: Map<string, string> | undefined;
  readonly prefixes: string[] = [];
  timestamp = true;
  readonly warnings: string[] = [];

  constructor(private readonly text: string) {}

  fail(problem: string, at: { start: number; end: number }): never {
    throw new QueryError(problem, this.text, at.start, at.end);
  }

  define(name: string): void {
    this.available?.set(name, name);
  }

  /** Checks an expression; aggregates are allowed only where `allowAggregates` (inside a stats item). */
  check(expr: Expr, allowAggregates: boolean, aliases: ReadonlySet<string> = new Set()): void {
    if (expr.kind === 'field') {
      this.checkField(expr.name, expr, aliases);
      return;
    }
    if (expr.kind === 'call') {
      this.checkCall(expr, allowAggregates, aliases);
      return;
    }
    if (expr.kind === 'period')
      this.fail('a time period such as 5m is only valid in bin(), datefloor() and dateceil()', expr);
    if (expr.kind === 'star') this.fail('* is only valid in count(*)', expr);
    if (expr.kind === 'match' && expr.pattern.regex) this.checkRegex(expr.pattern.source, expr);
    for (const child of children(expr)) this.check(child, allowAggregates, aliases);
  }

  checkRegex(source: string, at: { start: number; end: number }): void {
    try {
      translateRegex(source);
    } catch (error) {
      this.fail(`invalid regular expression: ${(error as Error).message}`, at);
    }
  }

  /** A known function with an acceptable number of arguments. */
  arity(call: Call): FunctionArity {
    if (!functionKind(call.name)) this.fail(unknownFunctionProblem(call.name), call);
    const arity = arityOf(call.name);
    if (call.args.length < arity.min || call.args.length > arity.max) {
      const wanted = arity.min === arity.max ? `${arity.min}` : `${arity.min} to ${arity.max}`;
      this.fail(`${call.name}() takes ${wanted} argument(s), got ${call.args.length}`, call);
    }
    return arity;
  }

  private checkField(name: string, at: Expr, aliases: ReadonlySet<string>): void {
    const available = this.available;
    if (!available || available.has(name) || aliases.has(name)) return;
    if (this.prefixes.some((prefix) => name.startsWith(`${prefix}.`))) return;
    const columns = [...new Set(available.values())].join(', ');
    this.fail(`field '${name}' does not exist after stats: use one of ${columns}`, at);
  }

  private checkCall(call: Call, allowAggregates: boolean, aliases: ReadonlySet<string>): void {
    if (functionKind(call.name) === 'aggregate' && !allowAggregates) {
      // After stats, an aggregate written again names its column: `sort count(*) desc`.
      if (this.available?.has(columnKey(this.text.slice(call.start, call.end)))) return;
      this.fail(`${call.name}() is an aggregation function: use it in stats`, call);
    }
    if (NEEDS_TIMESTAMP.has(call.name) && !this.timestamp) {
      this.fail(
        `${call.name}() reads @timestamp, which does not exist after stats: carry it through the first stats (max(@timestamp) as t) and use datefloor(t, ...)`,
        call,
      );
    }
    const arity = this.arity(call);
    call.args.forEach((arg, index) => {
      if (arity.periods?.includes(index)) this.checkPeriod(call, arg);
      else if (arg.kind !== 'star' || call.name !== 'count') this.check(arg, false, aliases);
    });
    const second = call.args[1];
    if (call.name === 'pct') {
      const valid =
        second.kind === 'literal' &&
        typeof second.value === 'number' &&
        second.value >= 0 &&
        second.value <= 100;
      if (!valid) this.fail('pct() takes a percentile between 0 and 100 as its second argument', second);
    }
    if (IN_SUBNET.test(call.name) && second.kind === 'literal' && !isValidSubnet(String(second.value))) {
      this.fail(`'${second.value}' is not a subnet in CIDR notation (192.0.2.0/24, 2001:db8::/32)`, second);
    }
  }

  private checkPeriod(call: Call, arg: Expr): void {
    if (arg.kind !== 'period') this.fail(`${call.name}() needs a time period such as 5m here`, arg);
    const { period } = arg;
    if (effectiveAmount(period) < period.amount) {
      this.warnings.push(
        `${period.text} runs as ${effectiveAmount(period)}${period.unit}: the service caps '${period.unit}' at ${PERIOD_CAPS[period.unit]}; use a larger unit`,
      );
    }
  }
}
