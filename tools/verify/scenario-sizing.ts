import { metricNames } from '../../layer/src/metric-names';
import { filterMetrics } from '../../lib/monitoring-metric-filters';
import type { AlarmModel } from '../cloud-assembly';
import { percentileOf } from '../monitoring';
import {
  type AlarmLimit,
  boundedCount,
  type LoadNeed,
  layerTimeoutMarginMs,
  loadNeed,
  outageNeed,
  ruleText,
} from './alarm-needs';
import type { FunctionRole } from './protocol';
import { minuteMs } from './scenario-requests';

/** How big each fault scenario must be for the stack's own alarms, read from the synthesized alarms. */
export interface CountInPeriod {
  readonly count: number;
  readonly periodMs: number;
}

export type PerRole = Readonly<Record<FunctionRole, number>>;

export interface ScenarioSizing {
  readonly failedLogins: CountInPeriod;
  readonly errorEvents: CountInPeriod;
  readonly healthFailures: CountInPeriod;
  readonly outage: { readonly perPeriod: number; readonly periods: number; readonly periodMs: number };
  readonly timeouts: {
    /** Remaining time of each hanging invocation: the layer writes request_timeout, Middy then gives up. */
    readonly remainingMs: number;
    /** Hanging invocations per function, all within one minute (timeouts, and failed Lambda invocations). */
    readonly perRole: PerRole;
  };
  /** Invocations Lambda refuses per function, within 5 minutes. */
  readonly throttles: PerRole;
  /** Logins whose DynamoDB read is throttled, within one period. */
  readonly tableThrottles: CountInPeriod;
  /** A busy period with a few slow dependency calls: what the percentile (latency, duration) alarms need. */
  readonly load: LoadNeed & { readonly periodMs: number };
  /** How long S3 refuses the archive's writes: past the freshness threshold and the failed-write periods. */
  readonly archive: { readonly durationMs: number };
  /** Alarms no bounded scenario can drive to ALARM, with the threshold that is out of reach. */
  readonly limits: readonly AlarmLimit[];
}

/** What verify knows of each function: its `service`, its name (Lambda's dimension) and its timeout. */
export type RoleInfo = Readonly<
  Record<
    FunctionRole,
    { readonly service?: string; readonly functionName?: string; readonly timeoutMs: number }
  >
>;

const fiveMinutesMs = 5 * minuteMs;
const roles: readonly FunctionRole[] = ['login', 'health'];
/** Sizes for a stack without the alarm in question (nothing to prove; the filters still need records). */
const fallback = {
  failedLogins: 12,
  errorEvents: 6,
  healthFailures: 2,
  outagePerPeriod: 24,
  timeouts: 2,
  throttles: 2,
  tableThrottles: 6,
};
/** How long a hanging invocation has: enough for the layer's early record, short enough to cost little. */
const hangingRemainingMs = layerTimeoutMarginMs + 200;

const periodMs = (alarm: AlarmModel): number => alarm.periodSeconds * 1000;
/** A pipeline fault lasts at most this long: it must end inside its one-hour block. */
const maxArchiveFaultMs = 50 * minuteMs;
const metricsOf = (alarm: AlarmModel) =>
  alarm.metrics
    ? alarm.metrics.flatMap((query) => (query.metric ? [query.metric] : []))
    : [
        {
          namespace: alarm.namespace ?? '',
          metricName: alarm.metricName ?? '',
          dimensions: alarm.dimensions,
        },
      ];
const uses = (alarm: AlarmModel, metricName: string, namespace?: string): boolean =>
  metricsOf(alarm).some(
    (m) => m.metricName === metricName && (namespace === undefined || m.namespace === namespace),
  );

export const sizeScenarios = (alarms: readonly AlarmModel[], info: RoleInfo): ScenarioSizing => {
  const limits: AlarmLimit[] = [];
  const limit = (alarm: AlarmModel, reason: string) => limits.push({ logicalId: alarm.logicalId, reason });
  const byMetric = (metricName: string, namespace?: string) =>
    alarms.filter((alarm) => uses(alarm, metricName, namespace));
  /** The role an alarm watches: by its FunctionName or service dimension; undefined when it watches none. */
  const roleOf = (alarm: AlarmModel): FunctionRole | undefined => {
    const dimensions = metricsOf(alarm).map((m) => m.dimensions);
    return roles.find((role) =>
      dimensions.some(
        (d) =>
          (info[role].functionName !== undefined && d.FunctionName === info[role].functionName) ||
          (info[role].service !== undefined && d[metricNames.serviceDimension] === info[role].service),
      ),
    );
  };
  /** The largest bounded count the alarms on one metric need; limits for the unreachable ones. */
  const counted = (
    list: readonly AlarmModel[],
    what: string,
    otherwise: number,
    bound?: number,
  ): CountInPeriod => {
    let size: CountInPeriod | undefined;
    for (const alarm of list) {
      const need = boundedCount(alarm, what, bound);
      if ('limit' in need) limit(alarm, need.limit);
      else if (!size || need.count > size.count) size = { count: need.count, periodMs: periodMs(alarm) };
    }
    return size ?? { count: otherwise, periodMs: fiveMinutesMs };
  };
  /** Per function: the largest count its own alarms on a Lambda metric need. */
  const perRole = (metricName: string, what: string, otherwise: number): Record<FunctionRole, number> => {
    const sizes: Record<FunctionRole, number> = { login: otherwise, health: otherwise };
    for (const alarm of byMetric(metricName, 'AWS/Lambda')) {
      const role = roleOf(alarm);
      if (!role) continue;
      sizes[role] = Math.max(sizes[role], counted([alarm], what, otherwise).count);
    }
    return sizes;
  };

  const failedLogins = counted(byMetric(filterMetrics.failedLogins), 'failed logins', fallback.failedLogins);
  const errorEvents = counted(byMetric(filterMetrics.errorEvents), 'error records', fallback.errorEvents);
  const healthFailures = counted(
    byMetric(filterMetrics.healthProbeFailedChecks),
    'failed checks',
    fallback.healthFailures,
  );
  const timeoutCount = counted(byMetric(filterMetrics.timeouts), 'timeouts', fallback.timeouts, 20).count;
  // Each function hangs this often in one minute: the timeout alarm's count, and its failed-invocation alarm's.
  const lambdaErrors = perRole('Errors', 'failed invocations', 1);
  const hanging = Object.fromEntries(
    roles.map((role) => [role, Math.max(Math.ceil(timeoutCount / roles.length), lambdaErrors[role])]),
  ) as Record<FunctionRole, number>;
  const tableThrottles = counted(
    byMetric('ThrottledRequests', 'AWS/DynamoDB'),
    'throttled reads',
    fallback.tableThrottles,
  );

  let outage = { perPeriod: fallback.outagePerPeriod, periods: 2, periodMs: fiveMinutesMs };
  for (const alarm of [...byMetric(filterMetrics.serverErrors), ...byMetric('5xx', 'AWS/ApiGateway')]) {
    const need = outageNeed(alarm);
    if ('limit' in need) limit(alarm, need.limit);
    else
      outage = {
        perPeriod: Math.max(outage.perPeriod, need.perPeriod),
        periods: Math.max(outage.periods, need.periods),
        periodMs: periodMs(alarm),
      };
  }

  let load: ScenarioSizing['load'] = {
    perPeriod: 0,
    slow: 0,
    slowMs: 0,
    periods: 1,
    periodMs: 15 * minuteMs,
  };
  const shortestTimeout = Math.min(...roles.map((role) => info[role].timeoutMs));
  for (const alarm of alarms.filter(
    (candidate) => !candidate.metrics && percentileOf(candidate.statistic) !== undefined,
  )) {
    const role = roleOf(alarm);
    const need = loadNeed(alarm, (role ? info[role].timeoutMs : shortestTimeout) - 2 * layerTimeoutMarginMs);
    if ('limit' in need) {
      limit(alarm, need.limit);
      continue;
    }
    load = {
      perPeriod: Math.max(load.perPeriod, need.perPeriod),
      slow: Math.max(load.slow, need.slow),
      slowMs: Math.max(load.slowMs, need.slowMs),
      periods: Math.max(load.periods, need.periods),
      periodMs: Math.max(load.periodMs, periodMs(alarm)),
    };
  }

  // A write fails from the first flush (one buffering interval in) on, and freshness counts from the oldest record.
  const bufferingMs = 5 * minuteMs;
  let archiveMs = 20 * minuteMs;
  for (const alarm of [...byMetric('DeliveryToS3.DataFreshness'), ...byMetric('DeliveryToS3.Success')]) {
    const needMs =
      alarm.metricName === 'DeliveryToS3.DataFreshness'
        ? alarm.threshold * 1000 + periodMs(alarm)
        : alarm.datapointsToAlarm * periodMs(alarm) + bufferingMs;
    if (needMs + minuteMs > maxArchiveFaultMs)
      limit(
        alarm,
        `${ruleText(alarm)} needs S3 to refuse writes for longer than a ${maxArchiveFaultMs / minuteMs} min scenario`,
      );
    else archiveMs = Math.max(archiveMs, needMs + minuteMs);
  }

  return {
    archive: { durationMs: archiveMs },
    failedLogins,
    errorEvents,
    healthFailures,
    outage,
    timeouts: { remainingMs: hangingRemainingMs, perRole: hanging },
    throttles: perRole('Throttles', 'throttled invocations', fallback.throttles),
    tableThrottles,
    load,
    limits,
  };
};
