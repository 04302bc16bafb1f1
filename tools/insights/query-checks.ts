import { type Command, children, type Expr, type NamedExpr, walk } from './ast';
import { QueryError } from './errors';
import { AGGREGATES, arityOf, functionKind, unknownFunctionProblem } from './function-catalog';
import { isValidSubnet } from './ip-functions';
import { translateRegex } from './regex';
import { effectiveAmount, PERIOD_CAPS } from './time-periods';

/** "Limits the number of log events returned": the service refuses more than 10,000. */
export const MAX_LIMIT = 10_000;
export const MAX_STATS_COMMANDS = 2;
const NEEDS_TIMESTAMP = new Set(['bin', 'earliest', 'latest']);

/** How a column is matched when a later command names it again: `sort count(*) desc` after `stats count(*)`. */
export const columnKey = (text: string): string => text.replace(/\s+/g, '').toLowerCase();

/** The fields a command may read: any (before stats) or only what the last stats produced and later defined. */
interface Scope {
  available?: Map<string, string>;
  /** `parse ... logfmt as lf` defines every `lf.<key>`. */
  prefixes: string[];
}

/**
 * Everything the service refuses before running a query, each reported at its place in the text: unknown or
 * misused functions, aggregates outside stats, a third stats, sort/limit before the second stats, commands
 * after dedup, fields that do not exist after stats. Returns warnings for what the service silently changes.
 */
export const checkCommands = (text: string, commands: readonly Command[]): string[] => {
  const fail = (problem: string, at: { start: number; end: number }): never => {
    throw new QueryError(problem, text, at.start, at.end);
  };
  const warnings: string[] = [];
  const scope: Scope = { prefixes: [] };
  let statsSeen = 0;
  let sortOrLimit: Command | undefined;
  let timestamp = true;

  const checkExpr = (
    expr: Expr,
    allowAggregates: boolean,
    aliases: ReadonlySet<string> = new Set(),
  ): void => {
    if (expr.kind === 'field') {
      const defined = scope.prefixes.some((prefix) => expr.name.startsWith(`${prefix}.`));
      if (scope.available && !scope.available.has(expr.name) && !aliases.has(expr.name) && !defined) {
        fail(
          `field '${expr.name}' does not exist after stats: use one of ${[...new Set(scope.available.values())].join(', ')}`,
          expr,
        );
      }
      return;
    }
    if (expr.kind === 'period')
      fail('a time period such as 5m is only valid in bin(), datefloor() and dateceil()', expr);
    if (expr.kind === 'star') fail('* is only valid in count(*)', expr);
    if (expr.kind === 'match' && expr.pattern.regex) {
      try {
        translateRegex(expr.pattern.source);
      } catch (error) {
        fail(`invalid regular expression: ${(error as Error).message}`, expr);
      }
    }
    if (expr.kind !== 'call') {
      for (const child of children(expr)) checkExpr(child, allowAggregates, aliases);
      return;
    }
    const kind = functionKind(expr.name);
    if (kind === 'aggregate' && !allowAggregates) {
      if (scope.available?.has(columnKey(text.slice(expr.start, expr.end)))) return;
      fail(`${expr.name}() is an aggregation function: use it in stats`, expr);
    }
    if (NEEDS_TIMESTAMP.has(expr.name) && !timestamp) {
      fail(
        `${expr.name}() reads @timestamp, which does not exist after stats: carry it through the first stats (max(@timestamp) as t) and use datefloor(t, ...)`,
        expr,
      );
    }
    const arity = checkArity(expr);
    expr.args.forEach((arg, index) => {
      if (arity.periods?.includes(index)) {
        if (arg.kind !== 'period') fail(`${expr.name}() needs a time period such as 5m here`, arg);
        else if (effectiveAmount(arg.period) < arg.period.amount) {
          warnings.push(
            `${arg.period.text} runs as ${effectiveAmount(arg.period)}${arg.period.unit}: the service caps '${arg.period.unit}' at ${PERIOD_CAPS[arg.period.unit]}; use a larger unit`,
          );
        }
        return;
      }
      if (arg.kind === 'star' && expr.name === 'count') return;
      checkExpr(arg, false, aliases);
    });
    if (expr.name === 'pct') {
      const percent = expr.args[1];
      if (
        percent.kind !== 'literal' ||
        typeof percent.value !== 'number' ||
        percent.value < 0 ||
        percent.value > 100
      ) {
        fail('pct() takes a percentile between 0 and 100 as its second argument', percent);
      }
    }
    const subnet = expr.args[1];
    if (
      /^isip(v[46])?insubnet$/.test(expr.name) &&
      subnet.kind === 'literal' &&
      !isValidSubnet(String(subnet.value))
    ) {
      fail(`'${subnet.value}' is not a subnet in CIDR notation (192.0.2.0/24, 2001:db8::/32)`, subnet);
    }
  };

  const checkArity = (call: Extract<Expr, { kind: 'call' }>) => {
    if (!functionKind(call.name)) fail(unknownFunctionProblem(call.name), call);
    const arity = arityOf(call.name);
    if (call.args.length < arity.min || call.args.length > arity.max) {
      const wanted = arity.min === arity.max ? `${arity.min}` : `${arity.min} to ${arity.max}`;
      fail(`${call.name}() takes ${wanted} argument(s), got ${call.args.length}`, call);
    }
    return arity;
  };

  const checkStats = (command: Extract<Command, { kind: 'stats' }>): void => {
    statsSeen++;
    if (statsSeen > MAX_STATS_COMMANDS)
      fail(`a query can have at most ${MAX_STATS_COMMANDS} stats commands`, command);
    if (statsSeen === 2 && sortOrLimit)
      fail(`${sortOrLimit.kind} must come after the second stats command`, sortOrLimit);
    for (const by of command.by) {
      if ([...walk(by.expr)].some((node) => node.kind === 'call' && Object.hasOwn(AGGREGATES, node.name))) {
        fail('by takes fields and functions, not aggregation functions', by.expr);
      }
      checkExpr(by.expr, false);
    }
    const aliases = new Set<string>();
    for (const item of command.items) {
      for (const node of walk(item.expr)) if (node.kind === 'call') checkArity(node);
      if (!usesAggregate(item, aliases))
        fail(`'${item.name}' needs an aggregation function such as count(), sum() or avg()`, item.expr);
      checkAggregateItem(item.expr, aliases);
      if (item.alias) aliases.add(item.name);
    }
    const available = new Map<string, string>();
    for (const named of [...command.by, ...command.items]) {
      available.set(named.name, named.name);
      available.set(columnKey(named.name), named.name);
    }
    scope.available = available;
    timestamp = false;
  };

  // Inside a stats item: aggregates take pre-stats fields; outside them only earlier aliases of the same stats.
  const checkAggregateItem = (expr: Expr, aliases: ReadonlySet<string>): void => {
    if (expr.kind === 'call' && Object.hasOwn(AGGREGATES, expr.name)) {
      if (
        expr.args.some((arg) =>
          [...walk(arg)].some((node) => node.kind === 'call' && Object.hasOwn(AGGREGATES, node.name)),
        )
      ) {
        fail('aggregation functions cannot be nested', expr);
      }
      checkExpr(expr, true, aliases);
      return;
    }
    if (expr.kind === 'field' && !aliases.has(expr.name)) {
      fail(
        `field '${expr.name}' must be inside an aggregation function, or be an earlier alias of this stats`,
        expr,
      );
    }
    if (expr.kind === 'call') checkArity(expr);
    for (const child of children(expr)) checkAggregateItem(child, aliases);
  };

  commands.forEach((command, index) => {
    const next = commands[index + 1];
    switch (command.kind) {
      case 'stats':
        checkStats(command);
        return;
      case 'filter':
        checkExpr(command.expr, false);
        return;
      case 'fields':
      case 'display':
        for (const item of command.items) {
          checkExpr(item.expr, false);
          define(scope, item.name);
        }
        return;
      case 'sort':
        sortOrLimit ??= command;
        for (const key of command.keys) checkExpr(key.expr, false);
        return;
      case 'limit':
        sortOrLimit ??= command;
        if (command.count < 1 || command.count > MAX_LIMIT)
          fail(`limit must be between 1 and ${MAX_LIMIT}`, command);
        return;
      case 'dedup':
        for (const field of command.fields) checkExpr(field, false);
        if (next && next.kind !== 'limit') fail('only limit can follow dedup', next);
        return;
      case 'parse':
        checkExpr(command.source, false);
        if (command.mode.kind === 'regex') {
          try {
            translateRegex(command.mode.source);
          } catch (error) {
            fail(`invalid regular expression: ${(error as Error).message}`, command);
          }
        }
        if (command.mode.kind === 'logfmt') scope.prefixes.push(command.mode.alias);
        else for (const name of command.mode.names) define(scope, name);
        return;
      default:
        return;
    }
  });
  return warnings;
};

const define = (scope: Scope, name: string): void => {
  scope.available?.set(name, name);
};

const usesAggregate = (item: NamedExpr, aliases: ReadonlySet<string>): boolean =>
  [...walk(item.expr)].some(
    (node) =>
      (node.kind === 'call' && Object.hasOwn(AGGREGATES, node.name)) ||
      (node.kind === 'field' && aliases.has(node.name)),
  );
