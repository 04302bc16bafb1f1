import type { NamedExpr, SortKey } from './ast';
import { type CompileContext, compileExpression, type Evaluator } from './compile-expression';
import type { Row } from './rows';
import { truthy } from './values';

/** A row-wise command: takes one row, passes zero or more on. */
export interface Sink {
  push(row: Row): void;
}

export class FilterStep implements Sink {
  constructor(
    private readonly predicate: Evaluator,
    private readonly next: Sink,
  ) {}

  push(row: Row): void {
    if (truthy(this.predicate(row))) this.next.push(row);
  }
}

/**
 * `fields` and `display`: computes their expressions into the row under the column name (`abs(x) as a` → a,
 * `strlen(@message)` → "strlen(@message)"); naming a plain field needs no work, the row already has it.
 */
export class ComputeStep implements Sink {
  private readonly computed: { name: string; value: Evaluator }[];

  constructor(
    items: readonly NamedExpr[],
    context: CompileContext,
    private readonly next: Sink,
  ) {
    this.computed = items
      .filter((item) => item.expr.kind !== 'field' || item.alias)
      .map((item) => ({ name: item.name, value: compileExpression(item.expr, context) }));
  }

  push(row: Row): void {
    for (const { name, value } of this.computed) row.set(name, value(row));
    this.next.push(row);
  }
}

/** Computes the sort key where `sort` stands, so commands after it may be run before the rows are kept. */
export class SortKeyStep implements Sink {
  private readonly keys: Evaluator[];

  constructor(
    keys: readonly SortKey[],
    context: CompileContext,
    private readonly next: Sink,
  ) {
    this.keys = keys.map((key) => compileExpression(key.expr, context));
  }

  push(row: Row): void {
    row.sortKey = this.keys.map((key) => key(row));
    this.next.push(row);
  }
}
