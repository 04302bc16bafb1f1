import type { InsightsEvent } from '../../../tools/insights';

/** One documented query: the text, a few events shaped like the page's logs, and the rows its semantics give. */
export interface QueryCase {
  /** The doc page and section the query comes from. */
  readonly source: string;
  readonly query: string;
  readonly events: readonly InsightsEvent[];
  readonly rows: readonly Record<string, string>[];
  /** The result columns, when the case is about them. */
  readonly fields?: readonly string[];
  /** What the case shows, when the query alone does not say it. */
  readonly note?: string;
}

/** A documented query the service refuses, with the text the error must point at. */
export interface RejectedCase {
  readonly source: string;
  readonly query: string;
  /** A fragment of the query the error's location must start at. */
  readonly at: string;
  readonly problem: RegExp;
}
