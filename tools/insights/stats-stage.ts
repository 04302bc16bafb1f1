import { type Accumulator, type AccumulatorFactory, accumulatorFor } from './aggregates';
import { type Expr, type NamedExpr, walk } from './ast';
import type { Collector } from './collectors';
import { type CompileContext, compileExpression, type Evaluator } from './compile-expression';
import { AGGREGATES } from './function-catalog';
import { type Row, StatsRow } from './rows';
import { fixedLength } from './time-periods';
import { groupKey, type Value } from './values';

interface Group {
  readonly keys: Value[];
  readonly accumulators: Accumulator[];
}

interface ByColumn {
  readonly name: string;
  readonly value: Evaluator;
  /** A cheap grouping key: `bin(5m)` groups by the bucket's epoch ms without building a timestamp per event. */
  readonly key: (row: Row) => string | number;
}

const byColumn = (named: NamedExpr, context: CompileContext): ByColumn => {
  const value = compileExpression(named.expr, context);
  const { expr } = named;
  const period =
    expr.kind === 'call' && expr.name === 'bin' && expr.args[0].kind === 'period'
      ? expr.args[0].period
      : undefined;
  const length = period && fixedLength(period);
  if (length !== undefined && period?.unit !== 'w') {
    return { name: named.name, value, key: (row) => Math.floor(row.timestamp / length) * length };
  }
  return { name: named.name, value, key: (row) => groupKey(value(row)) };
};

/**
 * `stats ... by ...`: one accumulator per aggregate per group, nothing else. Groups come out in the order they
 * first appeared; a later `sort` orders them. Items may combine aggregates and earlier aliases
 * (`max(a) as x, min(a) as y, x - y as range`).
 */
export class StatsStage implements Collector {
  private readonly groups = new Map<string | number, Group>();
  private readonly by: ByColumn[];
  private readonly factories: AccumulatorFactory[] = [];
  private readonly hidden: string[] = [];
  private readonly items: { name: string; value: Evaluator }[];

  constructor(command: { items: readonly NamedExpr[]; by: readonly NamedExpr[] }, context: CompileContext) {
    this.by = command.by.map((named) => byColumn(named, context));
    const aggregateColumns = new Map<Expr, string>();
    for (const item of command.items) {
      for (const node of walk(item.expr)) {
        if (node.kind !== 'call' || !Object.hasOwn(AGGREGATES, node.name)) continue;
        const column = `\u0000aggregate${this.factories.length}`;
        aggregateColumns.set(node, column);
        this.hidden.push(column);
        const [arg, percent] = node.args;
        const argument =
          arg === undefined || arg.kind === 'star' ? undefined : compileExpression(arg, context);
        const p = percent?.kind === 'literal' ? Number(percent.value) : undefined;
        this.factories.push(accumulatorFor(node.name, argument, p));
      }
    }
    const itemContext = { ...context, aggregateColumns };
    this.items = command.items.map((item) => ({
      name: item.name,
      value: compileExpression(item.expr, itemContext),
    }));
  }

  push(row: Row): void {
    const by = this.by;
    let key: string | number = '';
    if (by.length === 1) key = by[0].key(row);
    else if (by.length > 1) key = by.map((column) => column.key(row)).join('\u0000');
    let group = this.groups.get(key);
    if (group === undefined) {
      group = {
        keys: by.map((column) => column.value(row)),
        accumulators: this.factories.map((factory) => factory()),
      };
      this.groups.set(key, group);
    }
    for (const accumulator of group.accumulators) accumulator.add(row);
  }

  /** The groups' rows so far; the state stays, so a running query can show partial results. */
  rows(): Row[] {
    const rows: Row[] = [];
    for (const group of this.groups.values()) {
      const row = new StatsRow(rows.length);
      for (let i = 0; i < this.by.length; i++) row.set(this.by[i].name, group.keys[i]);
      for (let i = 0; i < this.hidden.length; i++) row.set(this.hidden[i], group.accumulators[i].result());
      for (const item of this.items) row.set(item.name, item.value(row));
      rows.push(row);
    }
    return rows;
  }

  get groupCount(): number {
    return this.groups.size;
  }
}
