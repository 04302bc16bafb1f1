import type { Accumulator } from './aggregates';
import type { Evaluator } from './compile-expression';
import { compareNatural } from './natural-order';
import type { Row } from './rows';
import { toNumber, type Value } from './values';

// The aggregates that keep one value chosen by an order: min/max, earliest/latest, sortsFirst/sortsLast.

/** The value a numeric result stands for keeps its kind: `max(@timestamp)` is a timestamp. */
export class Extreme implements Accumulator {
  private best: Value;
  private bestNumber: number | undefined;
  private bestText: string | undefined;

  constructor(
    private readonly arg: Evaluator,
    private readonly sign: 1 | -1,
  ) {}

  add(row: Row): void {
    const value = this.arg(row);
    if (value === undefined) return;
    const number = toNumber(value);
    if (number !== undefined) {
      if (this.bestNumber === undefined || (number - this.bestNumber) * this.sign > 0) {
        this.bestNumber = number;
        this.best = value;
      }
    } else if (this.bestText === undefined || compareNatural(value, this.bestText) * this.sign > 0) {
      this.bestText = value as string;
    }
  }

  // Numbers win over text: min(duration_ms) stays numeric even if one record wrote "n/a".
  result(): Value {
    return this.bestNumber !== undefined ? this.best : this.bestText;
  }
}

/** earliest/latest: the value from the event with the smallest/largest @timestamp (ties: first/last seen). */
export class ByTime implements Accumulator {
  private time = Number.NaN;
  private value: Value;

  constructor(
    private readonly arg: Evaluator,
    private readonly latest: boolean,
  ) {}

  add(row: Row): void {
    const value = this.arg(row);
    if (value === undefined) return;
    const time = row.timestamp;
    if (Number.isNaN(this.time) || (this.latest ? time >= this.time : time < this.time)) {
      this.time = time;
      this.value = value;
    }
  }

  result(): Value {
    return this.value;
  }
}

export class Sorts implements Accumulator {
  private value: Value;

  constructor(
    private readonly arg: Evaluator,
    private readonly sign: 1 | -1,
  ) {}

  add(row: Row): void {
    const value = this.arg(row);
    if (
      value !== undefined &&
      (this.value === undefined || compareNatural(value, this.value) * this.sign < 0)
    )
      this.value = value;
  }

  result(): Value {
    return this.value;
  }
}
