import type { Evaluator } from './compile-expression';
import { ByTime, Extreme, Sorts } from './ordered-aggregates';
import type { Row } from './rows';
import { groupKey, toNumber, type Value } from './values';

/** One aggregate's state in one group: `stats` keeps only these, never the events. */
export interface Accumulator {
  add(row: Row): void;
  result(): Value;
}

export type AccumulatorFactory = () => Accumulator;

const numeric = (arg: Evaluator, row: Row): number | undefined => toNumber(arg(row));

class Moments implements Accumulator {
  private n = 0;
  private mean = 0;
  private m2 = 0;
  private total = 0;

  constructor(
    private readonly arg: Evaluator,
    private readonly pick: 'sum' | 'avg' | 'stddev',
  ) {}

  add(row: Row): void {
    const x = numeric(this.arg, row);
    if (x === undefined) return;
    this.n++;
    this.total += x;
    const delta = x - this.mean;
    this.mean += delta / this.n;
    this.m2 += delta * (x - this.mean);
  }

  result(): Value {
    if (this.n === 0) return undefined;
    if (this.pick === 'sum') return this.total;
    if (this.pick === 'avg') return this.total / this.n;
    // Sample standard deviation (n - 1); a single value has none to speak of: 0.
    return this.n < 2 ? 0 : Math.sqrt(this.m2 / (this.n - 1));
  }
}

/** Nearest rank: the smallest value with at least p% of the values at or below it (a value of the data). */
class Percentile implements Accumulator {
  private readonly values: number[] = [];

  constructor(
    private readonly arg: Evaluator,
    private readonly percent: number,
  ) {}

  add(row: Row): void {
    const x = numeric(this.arg, row);
    if (x !== undefined) this.values.push(x);
  }

  result(): Value {
    if (this.values.length === 0) return undefined;
    this.values.sort((a, b) => a - b);
    const rank = Math.max(1, Math.ceil((this.percent / 100) * this.values.length));
    return this.values[rank - 1];
  }
}

class Count implements Accumulator {
  private n = 0;

  constructor(private readonly arg?: Evaluator) {}

  add(row: Row): void {
    if (!this.arg || this.arg(row) !== undefined) this.n++;
  }

  result(): Value {
    return this.n;
  }
}

/** Exact, where the service approximates high cardinalities. */
class CountDistinct implements Accumulator {
  private readonly seen = new Set<string>();

  constructor(private readonly arg: Evaluator) {}

  add(row: Row): void {
    const value = this.arg(row);
    if (value !== undefined) this.seen.add(groupKey(value));
  }

  result(): Value {
    return this.seen.size;
  }
}

/** The accumulator of an aggregate call; `arg` is its compiled first argument (undefined for count(*)). */
export const accumulatorFor = (
  name: string,
  arg: Evaluator | undefined,
  percent = 50,
): AccumulatorFactory => {
  const a = arg ?? (() => undefined);
  switch (name) {
    case 'count':
      return () => new Count(arg);
    case 'count_distinct':
      return () => new CountDistinct(a);
    case 'sum':
    case 'avg':
    case 'stddev':
      return () => new Moments(a, name);
    case 'min':
      return () => new Extreme(a, -1);
    case 'max':
      return () => new Extreme(a, 1);
    case 'pct':
      return () => new Percentile(a, percent);
    case 'earliest':
      return () => new ByTime(a, false);
    case 'latest':
      return () => new ByTime(a, true);
    case 'sortsfirst':
      return () => new Sorts(a, 1);
    default:
      return () => new Sorts(a, -1);
  }
};
