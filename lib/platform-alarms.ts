import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { metricNames } from '../layer/src/metric-names';
import { notifyingAlarms, sumOf } from './alarm-notifier';
import { filterMetrics, type MonitoringMetricFilters } from './monitoring-metric-filters';

/**
 * Alarms on what the platform reports about itself (`AWS/Lambda`, `AWS/ApiGateway`; tables: TableAlarms): the
 * failures the layer never sees (an init crash, an out-of-memory kill, a Lambda-enforced timeout, a throttle,
 * a 5xx made by API Gateway itself). Thresholds as data, each with a named default.
 */
export interface PlatformAlarmThresholds {
  /** Failed invocations (thrown, crashed, killed, timed out) per function in 5 minutes. */
  readonly lambdaErrorsPer5Min: number;
  /** Throttled invocations per function in 5 minutes: each is a request nobody served. */
  readonly lambdaThrottlesPer5Min: number;
  /** p99 duration over 15 minutes as a share of the function's timeout: a near miss before the timeouts. */
  readonly durationShareOfTimeout: number;
  /** 5xx share of the API's requests (the health route left out), in percent, over 5 minutes. */
  readonly apiServerErrorRatePercent: number;
  /** Below this many API requests in 5 minutes the API rate is not evaluated. */
  readonly apiServerErrorRateMinRequests: number;
  /** p99 of API Gateway's Latency (cold starts included) over 15 minutes, in milliseconds. */
  readonly apiP99LatencyMs: number;
}

export const DefaultLambdaErrorsPer5Min = 5;
export const DefaultLambdaThrottlesPer5Min = 1;
export const DefaultDurationShareOfTimeout = 0.8;
export const DefaultApiServerErrorRatePercent = 5;
export const DefaultApiServerErrorRateMinRequests = 20;
export const DefaultApiP99LatencyMs = 2500;

/** The thresholds one function may set for itself. */
export type FunctionPlatformThresholds = Pick<
  PlatformAlarmThresholds,
  'lambdaErrorsPer5Min' | 'lambdaThrottlesPer5Min' | 'durationShareOfTimeout'
>;

export interface MonitoredFunction {
  /** The `service` of its records and EMF metrics. */
  readonly serviceName: string;
  readonly functionName: string;
  readonly timeout: Duration;
  /** @default - the stack-wide thresholds */
  readonly thresholds?: Partial<FunctionPlatformThresholds>;
}

export interface PlatformAlarmsProps {
  readonly topic: sns.ITopic;
  readonly functions: readonly MonitoredFunction[];
  readonly api: apigw.IHttpApi;
  /**
   * The health function, whose answers through the API are left out of the API 5xx rate: its 503 means
   * "degraded" and has its own alarm. Its 5xx and its route's requests come from its own records.
   * @default - none: every API answer counts
   */
  readonly probe?: { readonly serviceName: string; readonly route: string };
  readonly filters: MonitoringMetricFilters;
  /** @default - the named defaults above */
  readonly thresholds?: Partial<PlatformAlarmThresholds>;
}

const fiveMinutes = Duration.minutes(5);
const fifteenMinutes = Duration.minutes(15);

export class PlatformAlarms extends Construct {
  public readonly thresholds: PlatformAlarmThresholds;
  /** Per service: Errors, Throttles and p99 Duration of its function. */
  public readonly functions: Readonly<
    Record<string, { errors: cloudwatch.Alarm; throttles: cloudwatch.Alarm; duration: cloudwatch.Alarm }>
  >;
  public readonly apiServerErrorRate: cloudwatch.Alarm;
  public readonly apiLatency: cloudwatch.Alarm;
  public readonly all: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: PlatformAlarmsProps) {
    super(scope, id);
    const t: PlatformAlarmThresholds = {
      lambdaErrorsPer5Min: DefaultLambdaErrorsPer5Min,
      lambdaThrottlesPer5Min: DefaultLambdaThrottlesPer5Min,
      durationShareOfTimeout: DefaultDurationShareOfTimeout,
      apiServerErrorRatePercent: DefaultApiServerErrorRatePercent,
      apiServerErrorRateMinRequests: DefaultApiServerErrorRateMinRequests,
      apiP99LatencyMs: DefaultApiP99LatencyMs,
      ...props.thresholds,
    };
    this.thresholds = t;
    const alarm = notifyingAlarms(props.topic);
    const atLeast = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
    // These metrics exist only while something happens (invocations, requests): no data is no traffic.
    const quiet = cloudwatch.TreatMissingData.NOT_BREACHING;
    const metric = (
      namespace: string,
      metricName: string,
      dimensionsMap: Record<string, string>,
      statistic: string,
      period = fiveMinutes,
    ) => new cloudwatch.Metric({ namespace, metricName, dimensionsMap, statistic, period });
    const count = (alarmId: string, description: string, m: cloudwatch.IMetric, threshold: number) =>
      alarm(
        this,
        alarmId,
        {
          alarmDescription: description,
          metric: m,
          threshold,
          comparisonOperator: atLeast,
          evaluationPeriods: 1,
          treatMissingData: quiet,
        },
        true,
      );

    this.functions = Object.fromEntries(
      props.functions.map((fn) => {
        const lambda = (name: string, statistic: string, period?: Duration) =>
          metric('AWS/Lambda', name, { FunctionName: fn.functionName }, statistic, period);
        const f: PlatformAlarmThresholds = { ...t, ...fn.thresholds };
        const timeoutMs = fn.timeout.toMilliseconds();
        const durationMs = Math.round(f.durationShareOfTimeout * timeoutMs);
        return [
          fn.serviceName,
          {
            errors: count(
              `LambdaErrors-${fn.serviceName}`,
              `Lambda: ${f.lambdaErrorsPer5Min} or more failed ${fn.serviceName} invocations in 5 minutes (errors, crashes, timeouts)`,
              lambda('Errors', cloudwatch.Stats.SUM),
              f.lambdaErrorsPer5Min,
            ),
            throttles: count(
              `LambdaThrottles-${fn.serviceName}`,
              `Lambda: ${f.lambdaThrottlesPer5Min} or more throttled ${fn.serviceName} invocations in 5 minutes`,
              lambda('Throttles', cloudwatch.Stats.SUM),
              f.lambdaThrottlesPer5Min,
            ),
            duration: alarm(
              this,
              `LambdaDuration-${fn.serviceName}`,
              {
                alarmDescription: `Lambda: ${fn.serviceName} p99 duration at ${Math.round(f.durationShareOfTimeout * 100)}% of its ${timeoutMs / 1000} s timeout or more, over 15 minutes (with at least 1000 invocations)`,
                metric: lambda('Duration', cloudwatch.Stats.p(99), fifteenMinutes),
                threshold: durationMs,
                comparisonOperator: atLeast,
                evaluationPeriods: 1,
                evaluateLowSampleCountPercentile: 'ignore', // see the p99 latency alarms
                treatMissingData: quiet,
              },
              true,
            ),
          },
        ];
      }),
    );

    const apiId = { ApiId: props.api.apiId };
    // What clients got from the API, minus the health route's answers (its function's own 5xx and requests).
    const { probe } = props;
    const usingMetrics: Record<string, cloudwatch.IMetric> = {
      a: metric('AWS/ApiGateway', '5xx', apiId, cloudwatch.Stats.SUM),
      c: metric('AWS/ApiGateway', 'Count', apiId, cloudwatch.Stats.SUM),
      ...(probe && {
        h: props.filters.metric(filterMetrics.serverErrors, {
          dimensionsMap: { [metricNames.serviceDimension]: probe.serviceName },
        }),
        hc: props.filters.metric(filterMetrics.routeLatency, {
          statistic: cloudwatch.Stats.SAMPLE_COUNT,
          dimensionsMap: { route: probe.route },
        }),
      }),
    };
    const requests = probe ? `(${sumOf(['c'])} - ${sumOf(['hc'])})` : sumOf(['c']);
    const errors = probe ? `(${sumOf(['a'])} - ${sumOf(['h'])})` : sumOf(['a']);
    this.apiServerErrorRate = alarm(
      this,
      'ApiServerErrorRate',
      {
        alarmDescription: `API: 5xx ${t.apiServerErrorRatePercent}% or more of requests (${probe ? 'health route left out; ' : ''}when at least ${t.apiServerErrorRateMinRequests} in 5 minutes), 2 of 3 periods, including 5xx API Gateway made itself`,
        metric: new cloudwatch.MathExpression({
          label: 'API 5xx rate (%)',
          expression: `IF(${requests} >= ${t.apiServerErrorRateMinRequests}, 100 * IF(${errors} > 0, ${errors}, 0) / ${requests}, 0)`,
          usingMetrics,
          period: fiveMinutes,
        }),
        threshold: t.apiServerErrorRatePercent,
        comparisonOperator: atLeast,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: quiet,
      },
      true,
    );
    this.apiLatency = alarm(
      this,
      'ApiLatency',
      {
        alarmDescription: `API: p99 latency above ${t.apiP99LatencyMs} ms over 15 minutes (with at least 1000 requests)`,
        metric: metric('AWS/ApiGateway', 'Latency', apiId, cloudwatch.Stats.p(99), fifteenMinutes),
        threshold: t.apiP99LatencyMs,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        evaluateLowSampleCountPercentile: 'ignore',
        treatMissingData: quiet,
      },
      true,
    );

    this.all = [
      ...Object.values(this.functions).flatMap((fn) => [fn.errors, fn.throttles, fn.duration]),
      this.apiServerErrorRate,
      this.apiLatency,
    ];
  }
}
