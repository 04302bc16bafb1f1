import { filterMetrics } from '../../lib/monitoring-metric-filters';
import type { AlarmModel } from '../cloud-assembly';
import { uses, watches } from './alarm-metrics';
import { type AlarmLimit, boundedCount, layerTimeoutMarginMs, outageNeed, ruleText } from './alarm-needs';
import { type Load, sizeLoads } from './load-sizing';
import type { FunctionRole } from './protocol';
import { minuteMs } from './scenario-requests';

/** How big each fault scenario must be for the stack's own alarms, read from the synthesized alarms. */
export interface CountInPeriod {
  readonly count: number;
  readonly periodMs: number;
}

export interface Outage {
  readonly perPeriod: number;
  readonly periods: number;
  readonly periodMs: number;
}

/** The generic scenarios of one function, sized from the alarms that watch it (and the stack-wide ones). */
export interface FunctionSizing {
  /** Forced throws within one period: the error-record alarm's count, and its failed-invocation alarm's. */
  readonly throws: CountInPeriod;
  /** Requests while every AWS call fails: what its 5xx-rate alarms (and the API's) need. */
  readonly outage: Outage;
  /** Forced hangs within one minute; each has `remainingMs` left, so the layer writes request_timeout. */
  readonly hangs: { readonly count: number; readonly remainingMs: number };
  /** Invocations Lambda refuses within 5 minutes. */
  readonly throttles: number;
  /** A busy period with a few slow invocations, when a percentile alarm (latency, duration) needs one. */
  readonly load?: Load;
  /** Ordinary requests from its routes within 5 minutes: more than any count alarm needs, all benign. */
  readonly benign: number;
}

export interface ScenarioSizing {
  readonly failedLogins: CountInPeriod;
  readonly errorEvents: CountInPeriod;
  readonly healthFailures: CountInPeriod;
  /** Logins whose DynamoDB read is throttled, within one period. */
  readonly tableThrottles: CountInPeriod;
  /** How long S3 refuses the archive's writes: past the freshness threshold and the failed-write periods. */
  readonly archive: { readonly durationMs: number };
  /** Per function (by role), its generic scenarios. */
  readonly functions: Readonly<Record<FunctionRole, FunctionSizing>>;
  /** Alarms no bounded scenario can drive to ALARM, with the threshold that is out of reach. */
  readonly limits: readonly AlarmLimit[];
}

/** What verify knows of each function: its `service`, its name (Lambda's dimension), timeout, routes. */
export interface SizingTarget {
  readonly role: FunctionRole;
  readonly service?: string;
  readonly functionName?: string;
  readonly timeoutMs: number;
  /** Reached through the HTTP API (the API's alarms see its requests). @default true */
  readonly routed?: boolean;
}

const fiveMinutesMs = 5 * minuteMs;
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
export const sizeScenarios = (
  alarms: readonly AlarmModel[],
  targets: readonly SizingTarget[],
): ScenarioSizing => {
  const limits = new Map<string, string>();
  const limit = (alarm: AlarmModel, reason: string) => limits.set(alarm.logicalId, reason);
  const byMetric = (metricName: string, namespace?: string) =>
    alarms.filter((alarm) => uses(alarm, metricName, namespace));
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

  const failedLogins = counted(byMetric(filterMetrics.failedLogins), 'failed logins', fallback.failedLogins);
  const errorEvents = counted(byMetric(filterMetrics.errorEvents), 'error records', fallback.errorEvents);
  const healthFailures = counted(
    byMetric(filterMetrics.healthProbeFailedChecks),
    'failed checks',
    fallback.healthFailures,
  );
  // Stack-wide: every function's hangs alone reach it (each function's timeout filter needs its own records).
  const timeouts = counted(byMetric(filterMetrics.timeouts), 'timeouts', fallback.timeouts, 20).count;
  const tableThrottles = counted(
    byMetric('ThrottledRequests', 'AWS/DynamoDB'),
    'throttled reads',
    fallback.tableThrottles,
  );

  const apiOutageAlarms = byMetric('5xx', 'AWS/ApiGateway');
  const ownOutageAlarms = byMetric(filterMetrics.serverErrors).filter(
    (alarm) => !apiOutageAlarms.includes(alarm),
  );
  const outageOf = (target: SizingTarget): Outage => {
    let outage: Outage = { perPeriod: fallback.outagePerPeriod, periods: 2, periodMs: fiveMinutesMs };
    // Its own 5xx-rate alarms, and the API's when the API reaches it.
    for (const alarm of [
      ...ownOutageAlarms.filter((candidate) => watches(candidate, target)),
      ...(target.routed === false ? [] : apiOutageAlarms),
    ]) {
      const need = outageNeed(alarm);
      if ('limit' in need) limit(alarm, need.limit);
      else
        outage = {
          perPeriod: Math.max(outage.perPeriod, need.perPeriod),
          periods: Math.max(outage.periods, need.periods),
          periodMs: periodMs(alarm),
        };
    }
    return outage;
  };

  const loads = sizeLoads(alarms, targets, limit);

  const functions = Object.fromEntries(
    targets.map((target): [FunctionRole, FunctionSizing] => {
      const own = (metricName: string) =>
        byMetric(metricName, 'AWS/Lambda').filter((alarm) => watches(alarm, target));
      const lambdaErrors = counted(own('Errors'), 'failed invocations', 1);
      const outage = outageOf(target);
      return [
        target.role,
        {
          throws: {
            count: Math.max(errorEvents.count, lambdaErrors.count),
            periodMs: Math.min(errorEvents.periodMs, lambdaErrors.periodMs),
          },
          outage,
          hangs: { count: timeouts, remainingMs: hangingRemainingMs },
          throttles: counted(own('Throttles'), 'throttled invocations', fallback.throttles).count,
          load: loads.get(target.role),
          benign: Math.max(2 * errorEvents.count, outage.perPeriod),
        },
      ];
    }),
  );

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
    tableThrottles,
    functions,
    limits: [...limits].map(([logicalId, reason]) => ({ logicalId, reason })),
  };
};
