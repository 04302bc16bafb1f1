import type { AlarmOutcome } from './alarm-simulation';
import type { FilterCoverage } from './filter-coverage';

export type Verdict = 'pass' | 'warn' | 'fail';

export interface FilterVerdict {
  readonly verdict: Verdict;
  /** Why, when not a plain pass. */
  readonly note?: string;
}

/**
 * The rules of `logs verify`:
 * - a metric filter must be valid, match records the code really wrote, and publish a value for them
 *   (a `$.field` metric value or dimension the pattern does not select publishes nothing: AWS requires
 *   the field "to have been matched using the pattern", e.g. `$.duration_ms = *`);
 * - a subscription filter must match somewhere: the same archive filter is attached to every function's
 *   group, and a group whose code writes no such record yet only earns a warning, as long as the filter
 *   (same pattern, same destination) matches in another group.
 */
export const judgeFilter = (filter: FilterCoverage, all: readonly FilterCoverage[]): FilterVerdict => {
  if (filter.error) return { verdict: 'fail', note: `invalid pattern: ${filter.error}` };
  if (filter.kind === 'metric') {
    if (filter.matched === 0) return { verdict: 'fail', note: 'matches no record the code wrote' };
    if (Object.keys(filter.published).length === 0)
      return {
        verdict: 'fail',
        note: `matches ${filter.matched} records but publishes no value: a $.field in the metric value or dimensions is not selected by the pattern`,
      };
    return { verdict: 'pass' };
  }
  if (filter.matched > 0) return { verdict: 'pass' };
  const elsewhere = all.some(
    (other) =>
      other !== filter &&
      other.kind === 'subscription' &&
      other.pattern === filter.pattern &&
      other.target === filter.target &&
      other.matched > 0,
  );
  return elsewhere
    ? {
        verdict: 'warn',
        note: 'this function writes no matching record; the same filter matches in another group',
      }
    : { verdict: 'fail', note: 'matches no record the code wrote, in any group' };
};

/** `limit`: why no bounded scenario can drive the alarm to ALARM (its threshold is out of reach). */
export const judgeAlarm = (alarm: AlarmOutcome, limit?: string): FilterVerdict => {
  if (!alarm.firedBy)
    return {
      verdict: 'fail',
      note: limit ? `cannot fire in verify: ${limit}` : 'no scenario drives it to ALARM',
    };
  if (alarm.benign.state === 'ALARM')
    return { verdict: 'fail', note: `fires on benign traffic: ${alarm.benign.reason}` };
  return { verdict: 'pass' };
};

/** One sentence per failure, for the summary and the exit code. */
export const problemsOf = (
  filters: readonly (FilterCoverage & FilterVerdict)[],
  alarms: readonly (AlarmOutcome & FilterVerdict)[],
): string[] => [
  ...filters
    .filter((filter) => filter.verdict === 'fail')
    .map((filter) => `${filter.kind} filter ${filter.filterName} on ${filter.logGroupName}: ${filter.note}`),
  ...alarms
    .filter((alarm) => alarm.verdict === 'fail')
    .map((alarm) => `alarm ${alarm.alarmName}: ${alarm.note}`),
];
