import { parseQuery } from '../../insights';
import { queryStore, type StoreQuerySource } from '../insights-queries';
import type { QueryChart, QueryRequest, QueryResultView, SeriesView } from './api-types';

/** Rows the console asks for at most (Logs Insights' own maximum is 10,000). */
const MaxRows = 10_000;

/** `2026-11-26 16:00:00.000` (UTC), the form Insights gives `bin()` buckets and `@timestamp`. */
const parseInsightsTime = (text: string): number | undefined => {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z?$/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, hh, mm, ss, ms = '0'] = match;
  return Date.UTC(+y, +mo - 1, +d, +hh, +mm, +ss, Number(ms.padEnd(3, '0')));
};

/** The name the result gives the `bin(...)` group key: its alias, or the expression as written. */
const binFieldOf = (query: string, fields: readonly string[]): string | undefined => {
  if (!/\bstats\b/i.test(query)) return undefined;
  const alias = /\bbin\s*\([^)]*\)\s+as\s+([A-Za-z_@][\w.@]*)/i.exec(query)?.[1];
  return fields.find((field) => field === alias) ?? fields.find((field) => /^bin\s*\(/i.test(field));
};

/**
 * `stats count(*) by service, bin(1h)` as a chart: one series per numeric column and per value of the other
 * group keys, over the sorted bins.
 */
export const chartOf = (
  query: string,
  fields: readonly string[],
  rows: readonly Readonly<Record<string, string>>[],
): QueryChart | undefined => {
  const binField = binFieldOf(query, fields);
  if (!binField) return undefined;
  const others = fields.filter((field) => field !== binField);
  const numeric = others.filter((field) =>
    rows.every((row) => row[field] === undefined || row[field] === '' || Number.isFinite(Number(row[field]))),
  );
  const keys = others.filter((field) => !numeric.includes(field));
  const times = rows.map((row) => parseInsightsTime(row[binField] ?? ''));
  if (numeric.length === 0 || times.some((time) => time === undefined)) return undefined;
  const timestamps = [...new Set(times as number[])].sort((a, b) => a - b);
  const series = new Map<string, (number | null)[]>();
  rows.forEach((row, index) => {
    const group = keys.map((key) => row[key] ?? '').join(' ');
    for (const field of numeric) {
      const label = [group, numeric.length > 1 || !group ? field : ''].filter(Boolean).join(' ');
      const values = series.get(label) ?? timestamps.map(() => null);
      const value = row[field];
      if (value !== undefined && value !== '') values[timestamps.indexOf(times[index]!)] = Number(value);
      series.set(label, values);
    }
  });
  return {
    timestamps,
    series: [...series].map(([label, values]): SeriesView => ({ label, values })),
  };
};

/**
 * The glue between the local log store and the Logs Insights engine: the chosen groups' stored events in the
 * range (streamed from the store, as `logs query` and the local StartQuery read them), the engine's rows
 * turned into a table (fields in first-seen order, `@ptr` left out as the console does), and a chart when
 * the query groups by time.
 */
export const runLogQuery = async (
  source: StoreQuerySource,
  request: QueryRequest,
): Promise<QueryResultView> => {
  // The engine's end is inclusive; the console's ranges end just before `end`.
  const result = await queryStore(parseQuery(request.query), source, request.logGroups, {
    start: request.start,
    end: request.end - 1,
    limit: MaxRows,
  });
  const fields = result.fields.filter((field) => field !== '@ptr');
  const rows = result.rows.map((row) => {
    const record: Record<string, string> = {};
    for (const { field, value } of row) if (field !== '@ptr') record[field] = value;
    return record;
  });
  return {
    fields,
    rows,
    recordsScanned: result.statistics.recordsScanned,
    recordsMatched: result.statistics.recordsMatched,
    chart: chartOf(request.query, fields, rows),
  };
};
