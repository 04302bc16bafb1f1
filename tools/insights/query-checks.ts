import { type Command, children, columnKey, type Expr, type NamedExpr, walk } from './ast';
import { ExpressionChecker } from './expression-checks';
import { AGGREGATES } from './function-catalog';

/** "Limits the number of log events returned": the service refuses more than 10,000. */
export const MAX_LIMIT = 10_000;
export const MAX_STATS_COMMANDS = 2;

type Stats = Extract<Command, { kind: 'stats' }>;

const isAggregate = (node: Expr): boolean => node.kind === 'call' && Object.hasOwn(AGGREGATES, node.name);
const holdsAggregate = (expr: Expr): boolean => [...walk(expr)].some(isAggregate);

const usesAggregate = (item: NamedExpr, aliases: ReadonlySet<string>): boolean =>
  [...walk(item.expr)].some((node) => isAggregate(node) || (node.kind === 'field' && aliases.has(node.name)));

/**
 * Everything the service refuses before running a query, each reported at its place in the text: unknown or
 * misused functions, aggregates outside stats, a third stats, sort/limit before the second stats, commands
 * after dedup, fields that do not exist after stats. Returns warnings for what the service silently changes.
 */
export const checkCommands = (text: string, commands: readonly Command[]): string[] => {
  const checker = new ExpressionChecker(text);
  let statsSeen = 0;
  let sortOrLimit: Command | undefined;

  // Inside a stats item: aggregates take pre-stats fields; outside them only earlier aliases of the same stats.
  const checkItem = (expr: Expr, aliases: ReadonlySet<string>): void => {
    if (isAggregate(expr) && expr.kind === 'call') {
      if (expr.args.some(holdsAggregate)) checker.fail('aggregation functions cannot be nested', expr);
      checker.check(expr, true, aliases);
      return;
    }
    if (expr.kind === 'field' && !aliases.has(expr.name)) {
      checker.fail(
        `field '${expr.name}' must be inside an aggregation function, or be an earlier alias of this stats`,
        expr,
      );
    }
    if (expr.kind === 'call') checker.arity(expr);
    for (const child of children(expr)) checkItem(child, aliases);
  };

  const checkStats = (command: Stats): void => {
    statsSeen++;
    if (statsSeen > MAX_STATS_COMMANDS)
      checker.fail(`a query can have at most ${MAX_STATS_COMMANDS} stats commands`, command);
    if (statsSeen === 2 && sortOrLimit)
      checker.fail(`${sortOrLimit.kind} must come after the second stats command`, sortOrLimit);
    for (const by of command.by) {
      if (holdsAggregate(by.expr))
        checker.fail('by takes fields and functions, not aggregation functions', by.expr);
      checker.check(by.expr, false);
    }
    const aliases = new Set<string>();
    for (const item of command.items) {
      for (const node of walk(item.expr)) if (node.kind === 'call') checker.arity(node);
      if (!usesAggregate(item, aliases)) {
        checker.fail(
          `'${item.name}' needs an aggregation function such as count(), sum() or avg()`,
          item.expr,
        );
      }
      checkItem(item.expr, aliases);
      if (item.alias) aliases.add(item.name);
    }
    checker.available = new Map();
    for (const named of [...command.by, ...command.items]) {
      checker.available.set(named.name, named.name);
      checker.available.set(columnKey(named.name), named.name);
    }
    checker.timestamp = false;
  };

  for (const [index, command] of commands.entries()) {
    switch (command.kind) {
      case 'stats':
        checkStats(command);
        break;
      case 'filter':
        checker.check(command.expr, false);
        break;
      case 'fields':
      case 'display':
        for (const item of command.items) {
          checker.check(item.expr, false);
          checker.define(item.name);
        }
        break;
      case 'sort':
        sortOrLimit ??= command;
        for (const key of command.keys) checker.check(key.expr, false);
        break;
      case 'limit':
        sortOrLimit ??= command;
        if (command.count < 1 || command.count > MAX_LIMIT)
          checker.fail(`limit must be between 1 and ${MAX_LIMIT}`, command);
        break;
      case 'dedup': {
        for (const field of command.fields) checker.check(field, false);
        const next = commands[index + 1];
        if (next && next.kind !== 'limit') checker.fail('only limit can follow dedup', next);
        break;
      }
      case 'parse':
        checker.check(command.source, false);
        if (command.mode.kind === 'regex') checker.checkRegex(command.mode.source, command);
        if (command.mode.kind === 'logfmt') checker.prefixes.push(command.mode.alias);
        else for (const name of command.mode.names) checker.define(name);
        break;
      case 'unmask':
        break;
    }
  }
  return checker.warnings;
};
