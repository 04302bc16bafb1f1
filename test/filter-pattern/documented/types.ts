/** One documented example: a pattern, example events, and which of them (0-based) the docs say match. */
export interface MatchCase {
  /** The doc page and section the example comes from. */
  readonly source: string;
  readonly pattern: string;
  readonly events: readonly string[];
  readonly matching: readonly number[];
}

/** A documented pattern with the values TestMetricFilter reports for one event. */
export interface ExtractionCase {
  readonly source: string;
  readonly pattern: string;
  readonly event: string;
  readonly extractedValues: Record<string, string>;
}

/** A pattern the docs say CloudWatch Logs refuses. */
export interface RejectionCase {
  readonly source: string;
  readonly pattern: string;
}
