import type { ResultRow } from '../insights';
import { terminalSafe } from '../local/terminal-text';

export const OutputFormats = ['table', 'json', 'csv'] as const;
export type OutputFormat = (typeof OutputFormats)[number];

/** A table cell longer than this is cut with `…` (the whole value is in `--format json`). */
export const MaxCellChars = 100;

/** The columns of rows: the given fields, then any other field the rows carry, in first-seen order. */
export const columnsOf = (fields: readonly string[], rows: readonly ResultRow[]): string[] => {
  const columns = new Set(fields.filter((field) => field !== '@ptr'));
  for (const row of rows) for (const { field } of row) if (field !== '@ptr') columns.add(field);
  return [...columns];
};

const cellsOf = (row: ResultRow): Map<string, string> => new Map(row.map((cell) => [cell.field, cell.value]));

const cut = (text: string): string =>
  text.length > MaxCellChars ? `${text.slice(0, MaxCellChars - 1)}…` : text;

/**
 * Aligned columns for a terminal: every value through `terminalSafe` (an ANSI escape or a bidi override in a
 * record is shown escaped, never run), cut to `MaxCellChars`; an empty cell where a row has no value.
 */
const table = (columns: readonly string[], rows: readonly ResultRow[]): string => {
  const lines = [columns.map((column) => cut(terminalSafe(column)))];
  for (const row of rows) {
    const cells = cellsOf(row);
    lines.push(columns.map((column) => cut(terminalSafe(cells.get(column) ?? ''))));
  }
  const widths = columns.map((_, index) => Math.max(...lines.map((line) => line[index].length)));
  const text = lines.map((line) =>
    line
      .map((cell, index) => (index === line.length - 1 ? cell : cell.padEnd(widths[index])))
      .join('  ')
      .trimEnd(),
  );
  text.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  return `${text.join('\n')}\n`;
};

/** Characters JSON leaves raw that a terminal could act on (C1 controls, bidi overrides, line separators). */
const unsafeInJson = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** An array of row objects, field name to value, as `rowObjects` gives; the same JSON value, terminal-safe. */
const json = (columns: readonly string[], rows: readonly ResultRow[]): string => {
  const objects = rows.map((row) => {
    const cells = cellsOf(row);
    return Object.fromEntries(
      columns.flatMap((column) => (cells.has(column) ? [[column, cells.get(column)]] : [])),
    );
  });
  const text = JSON.stringify(objects, null, 2).replace(
    unsafeInJson,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${text}\n`;
};

/** Spreadsheets run a cell starting with these as a formula; numbers (`-5`) stay as they are. */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * RFC 4180 CSV: a header of the columns, quotes where a value holds a comma, quote or line end. A value a
 * spreadsheet would run as a formula (`=HYPERLINK(...)` in an attacker's user name) is prefixed with `'`.
 */
const csv = (columns: readonly string[], rows: readonly ResultRow[]): string => {
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const value = (text: string) =>
    quote(formulaStart.test(text) && !Number.isFinite(Number(text)) ? `'${text}` : text);
  // The header is the query's own field names (`@timestamp`), not record data: as written.
  const lines = [columns.map(quote).join(',')];
  for (const row of rows) {
    const cells = cellsOf(row);
    lines.push(columns.map((column) => value(cells.get(column) ?? '')).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
};

/** Query results in one of the output formats. */
export const formatRows = (
  format: OutputFormat,
  fields: readonly string[],
  rows: readonly ResultRow[],
): string => {
  const columns = columnsOf(fields, rows);
  switch (format) {
    case 'table':
      return rows.length === 0 && columns.length === 0 ? '' : table(columns, rows);
    case 'json':
      return json(columns, rows);
    case 'csv':
      return csv(columns, rows);
  }
};

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 2 : 0)} MB`;

/** The summary line on stderr: rows, records matched and scanned, bytes, time. */
export const summaryLine = (
  rows: number,
  statistics: { recordsMatched?: number; recordsScanned?: number; bytesScanned?: number },
  elapsedMs: number,
): string =>
  `${rows} ${rows === 1 ? 'row' : 'rows'}; ${statistics.recordsMatched ?? 0} of ${statistics.recordsScanned ?? 0} records matched, ${megabytes(statistics.bytesScanned ?? 0)} scanned in ${(elapsedMs / 1000).toFixed(2)} s`;

/** A poll of a query on the service: `Running: 120,000 records scanned (48.20 MB), 12 matched`. */
export const progressLine = (
  status: string,
  statistics: { recordsMatched?: number; recordsScanned?: number; bytesScanned?: number },
): string =>
  `${status}: ${(statistics.recordsScanned ?? 0).toLocaleString('en-US')} records scanned (${megabytes(statistics.bytesScanned ?? 0)}), ${(statistics.recordsMatched ?? 0).toLocaleString('en-US')} matched`;
