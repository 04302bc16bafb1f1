import type { Collector } from './collectors';
import type { FieldRef } from './field-ref';
import type { Row } from './rows';
import { groupKey } from './values';

/**
 * `dedup`: the first row in sort order for each combination of the fields' values; rows missing any of the
 * fields are all kept ("null values are not considered duplicates"). Holds at most `capacity` rows: a key
 * pushed out of the best `capacity` can only come back with a better row, which then is its best one.
 */
export class DedupRows implements Collector {
  private readonly kept: Row[] = [];
  private readonly byKey = new Map<string, Row>();

  constructor(
    private readonly fields: readonly FieldRef[],
    private readonly capacity: number,
    private readonly order: (a: Row, b: Row) => number,
  ) {}

  push(row: Row): void {
    const key = this.keyOf(row);
    if (key !== undefined) {
      const existing = this.byKey.get(key);
      if (existing && this.order(existing, row) <= 0) return;
      if (existing) this.kept.splice(this.kept.indexOf(existing), 1);
    }
    if (this.kept.length >= this.capacity && this.order(row, this.kept[this.kept.length - 1]) >= 0) {
      if (key !== undefined) this.byKey.delete(key);
      return;
    }
    const copy = row.copy();
    this.kept.splice(this.insertionPoint(copy), 0, copy);
    if (key !== undefined) this.byKey.set(key, copy);
    if (this.kept.length > this.capacity) {
      const evicted = this.kept.pop()!;
      const evictedKey = this.keyOf(evicted);
      if (evictedKey !== undefined && this.byKey.get(evictedKey) === evicted) this.byKey.delete(evictedKey);
    }
  }

  rows(): Row[] {
    return [...this.kept];
  }

  private keyOf(row: Row): string | undefined {
    let key = '';
    for (const field of this.fields) {
      const value = row.get(field);
      if (value === undefined) return undefined;
      key += `${groupKey(value)}\u0000`;
    }
    return key;
  }

  private insertionPoint(row: Row): number {
    let low = 0;
    let high = this.kept.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.order(this.kept[mid], row) <= 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
