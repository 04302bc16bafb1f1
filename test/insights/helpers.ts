import { type InsightsEvent, type QueryOptions, rowObjects, runQuery } from '../../tools/insights';

/** 2026-01-01 00:00:00.000 UTC: every test event is placed relative to it. */
export const T0 = Date.UTC(2026, 0, 1);
export const at = (minutes: number, seconds = 0, ms = 0): number =>
  T0 + minutes * 60_000 + seconds * 1000 + ms;

export const jsonEvent = (
  timestamp: number,
  record: Record<string, unknown>,
  extra: Partial<InsightsEvent> = {},
): InsightsEvent => ({
  timestamp,
  message: JSON.stringify(record),
  ...extra,
});

export const textEvent = (
  timestamp: number,
  message: string,
  extra: Partial<InsightsEvent> = {},
): InsightsEvent => ({
  timestamp,
  message,
  ...extra,
});

/** The rows as objects, field name to value, in result order. */
export const rowsOf = (
  query: string,
  events: readonly InsightsEvent[],
  options?: QueryOptions,
): Record<string, string>[] => rowObjects(runQuery(query, events, options).rows);

/** `2026-01-01 00:05:00.000`, the results' timestamp form. */
export const stamp = (minutes: number, seconds = 0, ms = 0): string =>
  new Date(at(minutes, seconds, ms)).toISOString().replace('T', ' ').replace('Z', '');
