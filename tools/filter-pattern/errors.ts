/**
 * Raised for a pattern CloudWatch Logs would refuse at deploy time (PutMetricFilter,
 * PutSubscriptionFilter and TestMetricFilter answer InvalidParameterException).
 * `position` is the 0-based character offset in the original pattern string.
 */
export class FilterPatternError extends Error {
  readonly position: number;

  constructor(problem: string, position: number) {
    super(`${problem} at position ${position}`);
    this.name = 'FilterPatternError';
    this.position = position;
  }
}
