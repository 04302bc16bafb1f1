import type { AlarmModel } from '../cloud-assembly';
import { breaches, lowSampleMinimum, percentileOf } from '../monitoring';

/** What it takes, in records or requests, to drive one alarm to ALARM. */

/** No scenario runs more invocations than this: beyond it, verify says the alarm cannot be proven. */
export const maxScenarioInvocations = 200;

/** The layer writes `request_timeout` this long before the deadline (RequestLoggingOptions default). */
export const layerTimeoutMarginMs = 100;

/** A count a scenario produces is the threshold plus a margin, so rounding or one lost record cannot hide it. */
export const withMargin = (count: number): number => count + Math.max(1, Math.ceil(count / 5));

export const minutesOf = (alarm: AlarmModel): string => {
  const minutes = alarm.periodSeconds / 60;
  return `${Number.isInteger(minutes) ? minutes : minutes.toFixed(2)} min`;
};

const symbols: Record<AlarmModel['comparisonOperator'], string> = {
  GreaterThanOrEqualToThreshold: '>=',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

/** `>= 25 per 5 min` */
export const ruleText = (alarm: AlarmModel, threshold = alarm.threshold): string =>
  `${symbols[alarm.comparisonOperator]} ${threshold} per ${minutesOf(alarm)}`;

/** An alarm verify cannot drive to ALARM within its bounds, and why. */
export interface AlarmLimit {
  readonly logicalId: string;
  readonly reason: string;
}

export type Need = { readonly count: number } | { readonly limit: string };

/**
 * The smallest whole count of matching records (each publishing 1) that breaches a counting alarm
 * (`Sum` or `SampleCount` of a metric filter) in one period.
 */
export const countToBreach = (alarm: AlarmModel): Need => {
  if (alarm.comparisonOperator.startsWith('LessThan'))
    return { limit: `threshold ${ruleText(alarm)} fires on a low count; more records can never breach it` };
  const count =
    alarm.comparisonOperator === 'GreaterThanOrEqualToThreshold'
      ? Math.ceil(alarm.threshold)
      : Math.floor(alarm.threshold) + 1;
  return { count: Math.max(1, count) };
};

/** The count with its margin, or a limit naming the threshold when it exceeds the scenario bound. */
export const boundedCount = (alarm: AlarmModel, what: string, bound = maxScenarioInvocations): Need => {
  const need = countToBreach(alarm);
  if ('limit' in need) return need;
  if (need.count <= bound) return { count: Math.min(withMargin(need.count), bound) };
  return {
    limit: `threshold ${ruleText(alarm)} needs ${need.count} ${what} in one period, more than the ${bound} invocations a verify scenario runs`,
  };
};

/**
 * The request minimum of a rate expression such as `IF(total >= 20, 100 * e / total, 0)`: the number the
 * first comparison inside `IF(` tests against. Without one, a single request per period is enough.
 */
export const minimumRequests = (expression: string | undefined): number => {
  const match = expression?.match(/IF\s*\(.*?(>=|>)\s*(\d+(?:\.\d+)?)\s*,/);
  if (!match) return 1;
  const value = Number(match[2]);
  return Math.max(1, match[1] === '>=' ? Math.ceil(value) : Math.floor(value) + 1);
};

/** Requests per period and periods for a 5xx-rate alarm, when every request of the scenario fails. */
export const outageNeed = (
  alarm: AlarmModel,
): { readonly perPeriod: number; readonly periods: number } | { readonly limit: string } => {
  const periods = alarm.datapointsToAlarm;
  if (alarm.metrics) {
    if (!breaches(100, alarm.comparisonOperator, alarm.threshold))
      return {
        limit: `threshold ${ruleText(alarm)} is beyond the 100% an outage where every request fails reaches`,
      };
    const expression = alarm.metrics.find((query) => query.returnData)?.expression;
    const minimum = minimumRequests(expression);
    const perPeriod = withMargin(minimum);
    if (perPeriod * periods <= maxScenarioInvocations) return { perPeriod, periods };
    return {
      limit: `threshold ${ruleText(alarm)} only counts periods of at least ${minimum} requests: ${periods} such periods need ${perPeriod * periods} invocations, more than the ${maxScenarioInvocations} a verify scenario runs`,
    };
  }
  const need = boundedCount(alarm, 'server errors');
  if ('limit' in need) return need;
  if (need.count * periods <= maxScenarioInvocations) return { perPeriod: need.count, periods };
  return {
    limit: `threshold ${ruleText(alarm)} in ${periods} periods needs ${need.count * periods} failing requests, more than the ${maxScenarioInvocations} a verify scenario runs`,
  };
};

/** No load scenario runs more invocations than this per function and period. */
export const maxLoadInvocations = 1500;

/** What a percentile alarm needs from a load: samples per period, how many slow, and how slow. */
export interface LoadNeed {
  readonly perPeriod: number;
  readonly slow: number;
  readonly slowMs: number;
  readonly periods: number;
}

/**
 * A load that breaches a percentile alarm (`p99 Duration >= 8000`): enough samples that CloudWatch evaluates
 * the percentile (1000 for a p99 set to ignore fewer, one otherwise), plus a margin, of which enough are
 * slower than the threshold to be above the percentile's nearest rank. Slow calls stay below `maxSlowMs` (the
 * function's timeout): a call slower than that would be a timeout, not a slow success.
 */
export const loadNeed = (alarm: AlarmModel, maxSlowMs: number): LoadNeed | { readonly limit: string } => {
  const percentile = percentileOf(alarm.statistic);
  if (percentile === undefined || alarm.comparisonOperator.startsWith('LessThan'))
    return {
      limit: `${alarm.statistic} ${ruleText(alarm)} is not a high-percentile alarm a slow load breaches`,
    };
  const minimum =
    alarm.evaluateLowSampleCountPercentile === 'ignore' ? (lowSampleMinimum(alarm.statistic) ?? 1) : 1;
  // 5% above the minimum: a few lost samples must not drop the period below it
  const perPeriod = Math.max(20, Math.ceil(minimum * 1.05));
  const rank = Math.max(1, Math.ceil((percentile / 100) * perPeriod));
  const slow = perPeriod - rank + 1 + Math.max(1, Math.ceil((perPeriod - rank + 1) / 4));
  // Half a second over the threshold, or as far over it as the timeout leaves room for.
  const slowMs = Math.min(Math.ceil(alarm.threshold) + 500, Math.floor(maxSlowMs));
  if (perPeriod > maxLoadInvocations)
    return {
      limit: `${alarm.statistic} ${ruleText(alarm)} is evaluated from ${minimum} samples per period, more than the ${maxLoadInvocations} a load scenario runs`,
    };
  if (slowMs <= alarm.threshold)
    return {
      limit: `${alarm.statistic} ${ruleText(alarm)} needs calls slower than ${alarm.threshold} ms, beyond the ${maxSlowMs} ms a call may take before the function times out`,
    };
  return { perPeriod, slow, slowMs, periods: alarm.datapointsToAlarm };
};
