import { compareNatural } from './natural-order';
import type { Row } from './rows';

/** Where a run of row-wise commands ends: the rows kept so far, readable at any time without losing state. */
export interface Collector {
  push(row: Row): void;
  rows(): Row[];
}

/** Orders rows by the sort key their sort command computed (`row.sortKey`), ties in arrival order. */
export const rowOrder =
  (descending: readonly boolean[]) =>
  (a: Row, b: Row): number => {
    const x = a.sortKey ?? [];
    const y = b.sortKey ?? [];
    for (let i = 0; i < descending.length; i++) {
      const order = compareNatural(x[i], y[i]);
      if (order !== 0) return descending[i] ? -order : order;
    }
    return a.seq - b.seq;
  };

/** The first `capacity` rows in arrival order: `limit`, and the results cap after an ordering command. */
export class FirstRows implements Collector {
  private readonly kept: Row[] = [];

  constructor(private readonly capacity: number) {}

  push(row: Row): void {
    if (this.kept.length < this.capacity) this.kept.push(row.copy());
  }

  rows(): Row[] {
    return [...this.kept];
  }
}

/**
 * The best `capacity` rows of an order, in a binary heap whose root is the worst kept row: `sort | limit k`
 * holds k rows however many events pass.
 */
export class TopRows implements Collector {
  private readonly heap: Row[] = [];

  constructor(
    private readonly capacity: number,
    private readonly order: (a: Row, b: Row) => number,
  ) {}

  push(row: Row): void {
    const heap = this.heap;
    if (heap.length < this.capacity) {
      heap.push(row.copy());
      this.up(heap.length - 1);
    } else if (heap.length > 0 && this.order(row, heap[0]) < 0) {
      heap[0] = row.copy();
      this.down(0);
    }
  }

  rows(): Row[] {
    return [...this.heap].sort(this.order);
  }

  private up(index: number): void {
    const heap = this.heap;
    for (let i = index; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (this.order(heap[i], heap[parent]) <= 0) return;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private down(index: number): void {
    const heap = this.heap;
    for (let i = index; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < heap.length && this.order(heap[left], heap[worst]) > 0) worst = left;
      if (right < heap.length && this.order(heap[right], heap[worst]) > 0) worst = right;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst], heap[i]];
      i = worst;
    }
  }
}
