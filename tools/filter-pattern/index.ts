export { compileFilterPattern } from './compile';
export { FilterPatternError } from './errors';
export { MAX_PATTERN_LENGTH, MAX_REGEX_PER_PATTERN, MAX_WILDCARDS_PER_PATTERN } from './limits';
export { checkTransformation, extractMetric, MAX_DIMENSIONS } from './metric-value';
export { testMetricFilter } from './test-metric-filter';
export type {
  CompiledFilterPattern,
  FilterPatternKind,
  MatchResult,
  MetricDataPoint,
  MetricTransformation,
  TestMetricFilterMatch,
  TestMetricFilterResponse,
} from './types';
