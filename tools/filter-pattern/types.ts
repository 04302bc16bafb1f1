export type FilterPatternKind = 'empty' | 'term' | 'regex' | 'json' | 'space-delimited';

export interface MatchResult {
  /**
   * What `aws logs test-metric-filter` reports: JSON selectors (`$.status_code`) or space-delimited
   * fields (`$status_code`, `$1` for unnamed ones) mapped to their text; empty for term and regex patterns.
   */
  readonly extractedValues: Record<string, string>;
}

export interface CompiledFilterPattern {
  readonly kind: FilterPatternKind;
  /** The pattern as given, kept for error messages and reports. */
  readonly source: string;
  /** Returns undefined when the event does not match. */
  match(message: string): MatchResult | undefined;
}

export interface MetricTransformation {
  readonly metricValue: string;
  readonly defaultValue?: number;
  readonly dimensions?: Record<string, string>;
}

export interface MetricDataPoint {
  readonly value: number;
  readonly dimensions: Record<string, string>;
}

export interface TestMetricFilterMatch {
  readonly eventNumber: number;
  readonly eventMessage: string;
  readonly extractedValues: Record<string, string>;
}

export interface TestMetricFilterResponse {
  readonly matches: TestMetricFilterMatch[];
}
