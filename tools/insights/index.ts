export type { Command, Expr } from './ast';
export { QueryError, type QueryLocation } from './errors';
export { MAX_JSON_FIELDS } from './json-fields';
export { type CheckResult, checkQuery, MAX_QUERY_LENGTH, parseQuery, type Query } from './query';
export { MAX_LIMIT, MAX_STATS_COMMANDS } from './query-checks';
export { fieldsRead } from './query-fields';
export {
  type QueryOptions,
  type QueryResults,
  QueryRun,
  type QueryStatistics,
  runQuery,
  startQuery,
} from './query-run';
export { type ResultField, type ResultRow, rowObjects } from './results';
export type { InsightsEvent } from './rows';
export { formatTimestamp } from './values';
