import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { metricNames } from '../layer/src/metric-names';
import { notifyingAlarms, sumOf } from './alarm-notifier';
import { filterMetrics, type MonitoringMetricFilters } from './monitoring-metric-filters';

/** Alarm thresholds as data; every one has a named default below. */
export interface AlarmThresholds {
  /** Failed logins in 5 minutes that look like brute force or credential stuffing. */
  readonly failedLoginsPer5Min: number;
  /** ERROR-level records in 5 minutes, across functions (the layer's and Lambda's own). */
  readonly errorEventsPer5Min: number;
  /** 5xx share of requests (returned 5xx, thrown errors, timeouts), in percent, over 5 minutes. */
  readonly serverErrorRatePercent: number;
  /** Below this many requests in 5 minutes the error rate is not evaluated (one 5xx in 3 is not a trend). */
  readonly serverErrorRateMinRequests: number;
  /** p99 request latency per function, in milliseconds, over 15 minutes (evaluated from 1000 requests). */
  readonly p99LatencyMs: number;
}

export const DefaultFailedLoginsPer5Min = 10;
export const DefaultErrorEventsPer5Min = 5;
export const DefaultServerErrorRatePercent = 5;
export const DefaultServerErrorRateMinRequests = 20;
export const DefaultP99LatencyMs = 1500;

/** The thresholds one function may set for itself. */
export type ServiceAlarmThresholds = Pick<
  AlarmThresholds,
  'p99LatencyMs' | 'serverErrorRatePercent' | 'serverErrorRateMinRequests'
>;

/** One function as the alarms see it. */
export interface MonitoredService {
  /** The `service` dimension of its EMF metrics and of the ServerErrors filter. */
  readonly service: string;
  /**
   * A 5xx rate alarm of its own requests. Off for a function whose 5xx is a verdict with its own alarm (the
   * health function's 503 means "degraded"). @default true
   */
  readonly serverErrorRate?: boolean;
  /** @default - the stack-wide thresholds */
  readonly thresholds?: Partial<ServiceAlarmThresholds>;
}

export interface MonitoringAlarmsProps {
  readonly filters: MonitoringMetricFilters;
  readonly topic: sns.ITopic;
  /** Namespace of the layer's EMF metrics (POWERTOOLS_METRICS_NAMESPACE of the functions). */
  readonly emfNamespace: string;
  /** Every function: a p99 latency alarm each, a 5xx rate alarm each unless switched off. */
  readonly services: readonly MonitoredService[];
  /** The brute-force alarm on the FailedLogins filter (a login function's). @default true */
  readonly bruteForce?: boolean;
  /** The alarm on the scheduled health probe's filter (a health function's). @default true */
  readonly healthProbe?: boolean;
  /** @default - the named defaults above */
  readonly thresholds?: Partial<AlarmThresholds>;
}

/** The alarms, each notifying the topic; none needs a physical name (the stack name prefixes generated ones). */
export class MonitoringAlarms extends Construct {
  public readonly thresholds: AlarmThresholds;
  /** Undefined without a login function. */
  public readonly bruteForce?: cloudwatch.Alarm;
  /** Stack-wide: ERROR records of every function (Lambda's own records carry no service to split them by). */
  public readonly errorEvents: cloudwatch.Alarm;
  /** One 5xx rate alarm per service that has one, keyed by service name. */
  public readonly serverErrorRate: Readonly<Record<string, cloudwatch.Alarm>>;
  /** Stack-wide: a request_timeout record of any function. */
  public readonly timeouts: cloudwatch.Alarm;
  /** Undefined without a health function. */
  public readonly healthProbe?: cloudwatch.Alarm;
  /** One p99 latency alarm per service, keyed by service name. */
  public readonly latency: Readonly<Record<string, cloudwatch.Alarm>>;
  public readonly all: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: MonitoringAlarmsProps) {
    super(scope, id);
    const t: AlarmThresholds = {
      failedLoginsPer5Min: DefaultFailedLoginsPer5Min,
      errorEventsPer5Min: DefaultErrorEventsPer5Min,
      serverErrorRatePercent: DefaultServerErrorRatePercent,
      serverErrorRateMinRequests: DefaultServerErrorRateMinRequests,
      p99LatencyMs: DefaultP99LatencyMs,
      ...props.thresholds,
    };
    this.thresholds = t;
    const { filters } = props;
    const alarm = notifyingAlarms(props.topic);
    const create = (alarmId: string, options: cloudwatch.AlarmProps, okAction: boolean) =>
      alarm(this, alarmId, options, okAction);
    const atLeast = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
    // No data means no matching records were written (no traffic, no logins): nothing to alarm about.
    const quiet = cloudwatch.TreatMissingData.NOT_BREACHING;

    this.bruteForce =
      props.bruteForce === false
        ? undefined
        : create(
            'BruteForce',
            {
              alarmDescription: `Brute force: ${t.failedLoginsPer5Min} or more wrong passwords or unknown users in 5 minutes`,
              metric: filters.metric(filterMetrics.failedLogins),
              threshold: t.failedLoginsPer5Min,
              comparisonOperator: atLeast,
              evaluationPeriods: 1,
              treatMissingData: quiet, // no login attempts at all is the calmest state there is
            },
            true, // OK tells the on-call the attack stopped
          );

    this.errorEvents = create(
      'ErrorEvents',
      {
        alarmDescription: `Errors: ${t.errorEventsPer5Min} or more ERROR-level records in 5 minutes`,
        metric: filters.metric(filterMetrics.errorEvents),
        threshold: t.errorEventsPer5Min,
        comparisonOperator: atLeast,
        evaluationPeriods: 1,
        treatMissingData: quiet, // the filter writes 0 while logs flow; silence means no invocations
      },
      true,
    );

    const serviceDimension = (service: string) => ({ [metricNames.serviceDimension]: service });
    const thresholdsOf = (monitored: MonitoredService): AlarmThresholds => ({
      ...t,
      ...monitored.thresholds,
    });
    this.serverErrorRate = Object.fromEntries(
      props.services
        .filter((monitored) => monitored.serverErrorRate !== false)
        .map((monitored) => {
          const { service } = monitored;
          const { serverErrorRatePercent: percent, serverErrorRateMinRequests: minRequests } =
            thresholdsOf(monitored);
          const requests = new cloudwatch.Metric({
            namespace: props.emfNamespace,
            // one latency datum per request: its sample count is the request count
            metricName: metricNames.requestLatency,
            dimensionsMap: serviceDimension(service),
            statistic: cloudwatch.Stats.SAMPLE_COUNT,
            period: Duration.minutes(5),
          });
          const errors = filters.metric(filterMetrics.serverErrors, {
            dimensionsMap: serviceDimension(service),
          });
          const total = sumOf(['r0']);
          const alarmOfService = create(
            `ServerErrorRate-${service}`,
            {
              alarmDescription: `5xx rate: ${percent}% or more of ${service} requests (when at least ${minRequests} in 5 minutes), 2 of 3 periods`,
              metric: new cloudwatch.MathExpression({
                label: `5xx rate of ${service} (%)`,
                expression: `IF(${total} >= ${minRequests}, 100 * ${sumOf(['e0'])} / ${total}, 0)`,
                usingMetrics: { e0: errors, r0: requests },
                period: Duration.minutes(5),
              }),
              threshold: percent,
              comparisonOperator: atLeast,
              evaluationPeriods: 3,
              datapointsToAlarm: 2,
              treatMissingData: quiet, // FILL already yields 0 without traffic; missing means no data at all
            },
            true,
          );
          return [service, alarmOfService];
        }),
    );

    this.timeouts = create(
      'Timeouts',
      {
        alarmDescription: 'Timeouts: a request hit the Lambda timeout (request_timeout record)',
        metric: filters.metric(filterMetrics.timeouts, { period: Duration.minutes(1) }),
        threshold: 1,
        comparisonOperator: atLeast,
        evaluationPeriods: 1,
        treatMissingData: quiet, // a timeout always writes a record, so no record means no timeout
      },
      false, // each timeout is an event to look at; an OK one minute later would only be noise
    );

    this.healthProbe =
      props.healthProbe === false
        ? undefined
        : create(
            'HealthProbe',
            {
              alarmDescription:
                'Logging health: the scheduled probe found failed checks, or did not run for 10 minutes',
              // The probe runs every 5 minutes: a 10-minute period always holds one run, even with EventBridge jitter.
              metric: filters.metric(filterMetrics.healthProbeFailedChecks, { period: Duration.minutes(10) }),
              threshold: 1,
              comparisonOperator: atLeast,
              evaluationPeriods: 1,
              // No probe result is a dead probe (or a broken filter): that is a failure to see, not a quiet night.
              treatMissingData: cloudwatch.TreatMissingData.BREACHING,
            },
            true,
          );

    this.latency = Object.fromEntries(
      props.services.map((monitored) => {
        const { service } = monitored;
        const { p99LatencyMs } = thresholdsOf(monitored);
        return [
          service,
          create(
            `P99Latency-${service}`,
            {
              alarmDescription: `Latency: ${service} p99 above ${p99LatencyMs} ms over 15 minutes (with at least 1000 requests)`,
              metric: new cloudwatch.Metric({
                namespace: props.emfNamespace,
                metricName: metricNames.requestLatency,
                dimensionsMap: { [metricNames.serviceDimension]: service },
                statistic: cloudwatch.Stats.p(99),
                period: Duration.minutes(15),
              }),
              threshold: p99LatencyMs,
              comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
              evaluationPeriods: 1,
              // A p99 of a handful of samples is their maximum: one slow cold request would page. CloudWatch
              // evaluates a p99 only from 1000 samples in the period with 'ignore'.
              evaluateLowSampleCountPercentile: 'ignore',
              treatMissingData: quiet, // no requests, no latency to worry about
            },
            true,
          ),
        ];
      }),
    );

    this.all = [
      ...(this.bruteForce ? [this.bruteForce] : []),
      this.errorEvents,
      ...Object.values(this.serverErrorRate),
      this.timeouts,
      ...(this.healthProbe ? [this.healthProbe] : []),
      ...Object.values(this.latency),
    ];
  }
}
