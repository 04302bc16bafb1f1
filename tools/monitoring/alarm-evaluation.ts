import type { AlarmModel, ComparisonOperator } from '../cloud-assembly';
import { evaluateMathExpression } from './metric-math';
import type { MetricStore } from './metric-store';
import { percentileOf } from './statistics';
import type { AlarmEvaluation, AlarmState, EvaluatedPeriod } from './types';

const symbols: Record<ComparisonOperator, string> = {
  GreaterThanOrEqualToThreshold: '>=',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

export const breaches = (value: number, operator: ComparisonOperator, threshold: number): boolean => {
  switch (operator) {
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
};

/** The alarm's value for one period: its metric's statistic, or its metric-math expression. */
export const alarmValue = (alarm: AlarmModel, store: MetricStore, startMs: number): number | undefined => {
  if (!alarm.metrics) {
    const metric = {
      namespace: alarm.namespace ?? '',
      metricName: alarm.metricName ?? '',
      dimensions: alarm.dimensions,
    };
    return store.statistic(metric, alarm.statistic, startMs, alarm.periodSeconds);
  }
  const values: Record<string, number | undefined> = {};
  for (const query of alarm.metrics) {
    if (query.metric)
      values[query.id] = store.statistic(query.metric, query.metric.stat, startMs, query.metric.period);
  }
  // Expressions may use each other; CloudFormation lists them in any order, so resolve until stable.
  const expressions = alarm.metrics.filter((query) => query.expression);
  for (let round = 0; round < expressions.length; round++) {
    for (const query of expressions) {
      try {
        values[query.id] = evaluateMathExpression(query.expression!, values);
      } catch {
        // An id not computed yet: a later round will have it.
      }
    }
  }
  const returned = alarm.metrics.find((query) => query.returnData) ?? alarm.metrics[0];
  return values[returned.id];
};

/**
 * The fewest samples CloudWatch evaluates a percentile over before `evaluateLowSampleCountPercentile` applies:
 * 10/(1-p) for p from 0.5 up (1000 for p99), 10/p below. Undefined for other statistics.
 */
export const lowSampleMinimum = (statistic: string): number | undefined => {
  const percentile = percentileOf(statistic);
  if (percentile === undefined || percentile <= 0 || percentile >= 100) return undefined;
  const p = percentile / 100;
  return Math.ceil(Math.round((p >= 0.5 ? 10 / (1 - p) : 10 / p) * 1e6) / 1e6);
};

/** Samples in the period when a percentile alarm set to `ignore` would skip it; undefined when it evaluates. */
const ignoredForLowSamples = (alarm: AlarmModel, store: MetricStore, startMs: number): number | undefined => {
  if (alarm.metrics || alarm.evaluateLowSampleCountPercentile !== 'ignore') return undefined;
  const minimum = lowSampleMinimum(alarm.statistic);
  if (minimum === undefined) return undefined;
  const metric = {
    namespace: alarm.namespace ?? '',
    metricName: alarm.metricName ?? '',
    dimensions: alarm.dimensions,
  };
  const samples = store.values(metric, startMs, startMs + alarm.periodSeconds * 1000).length;
  return samples > 0 && samples < minimum ? samples : undefined;
};

const formatPeriod = (seconds: number): string =>
  seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;

const round = (value: number): number => Math.round(value * 1000) / 1000;

/** What the alarm's metric is called in messages: its metric name, or the label/id of its expression. */
export const alarmMetricLabel = (alarm: AlarmModel): string => {
  if (alarm.metricName) return alarm.metricName;
  const returned = alarm.metrics?.find((query) => query.returnData);
  return returned?.label ?? returned?.id ?? alarm.name;
};

/**
 * Evaluates an alarm at `nowMs` like CloudWatch: the statistic of each of the last `evaluationPeriods`
 * periods (aligned to the period, the last one being the period that ends at or contains `nowMs`), M of N
 * breaching periods to go to ALARM, and treatMissingData for periods without data:
 * - `breaching` / `notBreaching`: a missing period counts as breaching / not breaching;
 * - `missing`: missing periods are not counted; all missing → INSUFFICIENT_DATA;
 * - `ignore`: missing periods are not counted; all missing → the current state is kept.
 * A percentile alarm with `evaluateLowSampleCountPercentile: ignore` skips periods with fewer samples than
 * `lowSampleMinimum` (1000 for p99) the same way: when no period is left, the state is kept.
 * (CloudWatch may also look back past the range for more datapoints with `missing`; we do not.)
 */
export const evaluateAlarm = (
  alarm: AlarmModel,
  store: MetricStore,
  nowMs: number,
  currentState: AlarmState = 'INSUFFICIENT_DATA',
): AlarmEvaluation => {
  const periodMs = alarm.periodSeconds * 1000;
  const lastStart = Math.floor((nowMs - 1) / periodMs) * periodMs;
  const periods: EvaluatedPeriod[] = [];
  for (let i = alarm.evaluationPeriods - 1; i >= 0; i--) {
    const startMs = lastStart - i * periodMs;
    const value = alarmValue(alarm, store, startMs);
    const lowSamples = ignoredForLowSamples(alarm, store, startMs);
    const breaching =
      lowSamples !== undefined
        ? undefined
        : value !== undefined
          ? breaches(value, alarm.comparisonOperator, alarm.threshold)
          : alarm.treatMissingData === 'breaching'
            ? true
            : alarm.treatMissingData === 'notBreaching'
              ? false
              : undefined;
    periods.push(
      lowSamples === undefined ? { startMs, value, breaching } : { startMs, value, breaching, lowSamples },
    );
  }
  const breachingPeriods = periods.filter((period) => period.breaching === true);
  const counted = periods.filter((period) => period.breaching !== undefined);
  const label = alarmMetricLabel(alarm);
  const symbol = symbols[alarm.comparisonOperator];
  const window = `${formatPeriod(alarm.periodSeconds)}`;
  const ofN =
    alarm.evaluationPeriods > 1 ? ` (${breachingPeriods.length} of ${alarm.evaluationPeriods} periods)` : '';

  let state: AlarmState;
  let reason: string;
  if (breachingPeriods.length >= alarm.datapointsToAlarm) {
    state = 'ALARM';
    const worst = breachingPeriods.map((period) => period.value).find((value) => value !== undefined);
    const shown = worst === undefined ? 'missing data' : String(round(worst));
    reason = `${label}: ${shown} ${symbol} ${alarm.threshold} in ${window}${ofN}`;
  } else if (counted.length === 0 && periods.some((period) => period.lowSamples !== undefined)) {
    // evaluateLowSampleCountPercentile: ignore — too few samples for the percentile to mean anything
    state = currentState;
    const samples = Math.max(...periods.map((period) => period.lowSamples ?? 0));
    reason = `${label}: ${samples} samples, fewer than the ${lowSampleMinimum(alarm.statistic)} a ${alarm.statistic} is evaluated on (state kept)`;
  } else if (counted.length === 0) {
    state = alarm.treatMissingData === 'ignore' ? currentState : 'INSUFFICIENT_DATA';
    reason = `${label}: no data in the last ${alarm.evaluationPeriods} x ${window}`;
  } else {
    state = 'OK';
    const latest = [...counted].reverse().find((period) => period.value !== undefined)?.value;
    const shown = latest === undefined ? 'no data' : String(round(latest));
    reason = `${label}: ${shown}, not ${symbol} ${alarm.threshold} in ${alarm.datapointsToAlarm} of ${alarm.evaluationPeriods} x ${window}`;
  }
  return { alarmName: alarm.name, state, reason, periods };
};
