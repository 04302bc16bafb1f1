import type { FieldRef } from './field-ref';
import type { Row } from './rows';
import { formatValue } from './values';

/** One cell as GetQueryResults returns it: the value is always a string. */
export interface ResultField {
  readonly field: string;
  readonly value: string;
}

export type ResultRow = ResultField[];

/** A row's cells in column order, leaving out columns it has no value for (as the service does). */
export const toResultRow = (row: Row, columns: readonly FieldRef[]): ResultRow => {
  const cells: ResultRow = [];
  for (const column of columns) {
    const value = row.get(column);
    if (value !== undefined) cells.push({ field: column.name, value: formatValue(value) });
  }
  return cells;
};

/** Rows as plain objects, field name to value: `--format json`, tests. */
export const rowObjects = (rows: readonly ResultRow[]): Record<string, string>[] =>
  rows.map((row) => Object.fromEntries(row.map((cell) => [cell.field, cell.value])));
