import { metricNames } from '../../layer/src/metric-names';
import { filterMetrics } from '../../lib/monitoring-metric-filters';
import type { AlarmModel } from '../cloud-assembly';
import { type AlarmLimit, boundedCount, latencyNeed, type Need, outageNeed } from './alarm-needs';
import type { FunctionRole } from './protocol';
import { minuteMs } from './scenario-requests';

/** How big each fault scenario must be for the stack's own alarms, read from the synthesized alarms. */
export interface CountInPeriod {
  readonly count: number;
  readonly periodMs: number;
}

export interface ScenarioSizing {
  readonly failedLogins: CountInPeriod;
  readonly errorEvents: CountInPeriod;
  readonly healthFailures: CountInPeriod;
  readonly outage: { readonly perPeriod: number; readonly periods: number; readonly periodMs: number };
  readonly timeouts: {
    /** Remaining time of each hanging invocation: its latency breaches every p99 alarm. */
    readonly remainingMs: number;
    /** Hanging invocations per function, one per latency period. */
    readonly perRole: Readonly<Record<FunctionRole, number>>;
    readonly periodMs: number;
    /** Further login timeouts in the first minute, when the timeout alarm needs more than one per function. */
    readonly extra: number;
  };
  /** Alarms no bounded scenario can drive to ALARM, with the threshold that is out of reach. */
  readonly limits: readonly AlarmLimit[];
}

/** What verify knows of each function: the `service` dimension of its EMF metrics and its timeout. */
export type RoleInfo = Readonly<
  Record<FunctionRole, { readonly service?: string; readonly timeoutMs: number }>
>;

const fiveMinutesMs = 5 * minuteMs;
/** Each timeout costs its remaining time in real time: a few are proof enough. */
const maxTimeouts = 10;
/** Sizes for a stack without the alarm in question (nothing to prove; the filters still need records). */
const fallback = { failedLogins: 12, errorEvents: 6, healthFailures: 2, outagePerPeriod: 24, slowMs: 1_700 };

const periodMs = (alarm: AlarmModel): number => alarm.periodSeconds * 1000;
const usesMetric = (alarm: AlarmModel, metricName: string): boolean =>
  alarm.metricName === metricName || (alarm.metrics ?? []).some((q) => q.metric?.metricName === metricName);

export const sizeScenarios = (alarms: readonly AlarmModel[], roles: RoleInfo): ScenarioSizing => {
  const limits: AlarmLimit[] = [];
  const byMetric = (metricName: string) => alarms.filter((alarm) => usesMetric(alarm, metricName));
  /** The largest bounded count the alarms on one filter metric need; limits for the unreachable ones. */
  const counted = (metricName: string, what: string, otherwise: number, bound?: number): CountInPeriod => {
    let size: CountInPeriod | undefined;
    for (const alarm of byMetric(metricName)) {
      const need: Need = boundedCount(alarm, what, bound);
      if ('limit' in need) limits.push({ logicalId: alarm.logicalId, reason: need.limit });
      else if (!size || need.count > size.count) size = { count: need.count, periodMs: periodMs(alarm) };
    }
    return size ?? { count: otherwise, periodMs: fiveMinutesMs };
  };

  const failedLogins = counted(filterMetrics.failedLogins, 'failed logins', fallback.failedLogins);
  const errorEvents = counted(filterMetrics.errorEvents, 'error records', fallback.errorEvents);
  const healthFailures = counted(
    filterMetrics.healthProbeFailedChecks,
    'failed checks',
    fallback.healthFailures,
  );
  const timeoutCount = counted(filterMetrics.timeouts, 'timeouts', 1, maxTimeouts);

  let outage = { perPeriod: fallback.outagePerPeriod, periods: 2, periodMs: fiveMinutesMs };
  for (const alarm of byMetric(filterMetrics.serverErrors)) {
    const need = outageNeed(alarm);
    if ('limit' in need) limits.push({ logicalId: alarm.logicalId, reason: need.limit });
    else outage = { ...need, periodMs: periodMs(alarm) };
  }

  let remainingMs = 0;
  let latencyPeriodMs = fiveMinutesMs;
  const perRole: Record<FunctionRole, number> = { login: 1, health: 1 };
  for (const alarm of byMetric(metricNames.requestLatency)) {
    const service = alarm.dimensions[metricNames.serviceDimension];
    const role = (Object.keys(roles) as FunctionRole[]).find((r) => roles[r].service === service);
    if (!role || alarm.metrics) continue; // not a per-function latency alarm this scenario can drive
    const need = latencyNeed(alarm, roles[role].timeoutMs);
    if ('limit' in need) {
      limits.push({ logicalId: alarm.logicalId, reason: need.limit });
      continue;
    }
    remainingMs = Math.max(remainingMs, need.count);
    latencyPeriodMs = periodMs(alarm);
    perRole[role] = Math.max(perRole[role], alarm.datapointsToAlarm);
  }

  return {
    failedLogins,
    errorEvents,
    healthFailures,
    outage,
    timeouts: {
      remainingMs: remainingMs || fallback.slowMs,
      perRole,
      periodMs: latencyPeriodMs,
      // Both functions time out once in the first minute; any further timeout the alarm needs goes to login.
      extra: Math.max(0, timeoutCount.count - Object.keys(perRole).length),
    },
    limits,
  };
};
