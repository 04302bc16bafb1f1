import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { catalog, type FieldName, recordKeys } from '../layer/src/event-catalog';
import { metricNames } from '../layer/src/metric-names';
import {
  type FilterMetricName,
  filterMetrics,
  type MonitoringMetricFilters,
} from './monitoring-metric-filters';

export interface LoggingDashboardProps {
  readonly filters: MonitoringMetricFilters;
  readonly emfNamespace: string;
  /** The `service` dimension of each function's EMF metrics. */
  readonly services: readonly string[];
  readonly functionLogGroups: readonly logs.ILogGroup[];
  readonly alarms: readonly cloudwatch.IAlarm[];
  /** What the platform reports: each function's Lambda metrics, the API's. */
  readonly platform: {
    readonly functions: readonly { readonly serviceName: string; readonly functionName: string }[];
    readonly apiId: string;
  };
  /** The login outcome and failure widgets (filters of a login function). @default true */
  readonly loginWidgets?: boolean;
  /** @default Duration.minutes(5) */
  readonly period?: Duration;
}

const routeKey: FieldName<'request_completed'> = 'route';
const memoryUsedMb: FieldName<'request_completed'> = 'memory_used_mb';
const heapUsedMb: FieldName<'request_completed'> = 'heap_used_mb';
const memoryLimitMb: FieldName<'request_completed'> = 'memory_limit_mb';
const memoryShare: FieldName<'request_completed'> = 'memory_share';
const httpHost: FieldName<'external_call'> = 'http_host';
const httpPath: FieldName<'external_call'> = 'http_path';
const callDurationMs: FieldName<'external_call'> = 'duration_ms';

/** Insights lines of the memory widget: the highest reading per function, the share of its memory first. */
export const memoryQueryLines = (): string[] => [
  `filter ispresent(${memoryUsedMb})`,
  `stats max(${memoryUsedMb}) as max_rss_mb, max(${heapUsedMb}) as max_heap_mb, max(${memoryShare}) as max_share, max(${memoryLimitMb}) as memory_mb, count(*) as readings by ${recordKeys.service}`,
  'sort max_share desc',
];

/** Insights lines of the outgoing HTTP calls widget: per host and route-like path, count and p99. */
export const externalCallQueryLines = (): string[] => [
  `filter ${recordKeys.message} = "external_call" and ispresent(${httpHost})`,
  `stats count(*) as calls, pct(${callDurationMs}, 99) as p99_ms, max(${callDurationMs}) as max_ms by ${httpHost}, ${httpPath}`,
  'sort calls desc',
];

/**
 * One dashboard: traffic, latency by route, errors by category and event, login outcomes, alarm states, memory
 * per function and outgoing HTTP calls. Every widget covers every function of the registry.
 */
export class LoggingDashboard extends Construct {
  public readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: LoggingDashboardProps) {
    super(scope, id);
    const period = props.period ?? Duration.minutes(5);
    const loginWidgets = props.loginWidgets !== false;
    const functionGroupNames = props.functionLogGroups.map((group) => group.logGroupName);
    const emf = (metricName: string, service: string, statistic: string): cloudwatch.Metric =>
      new cloudwatch.Metric({
        namespace: props.emfNamespace,
        metricName,
        dimensionsMap: { [metricNames.serviceDimension]: service },
        statistic,
        period,
        label: service,
      });
    // Routes are not known at synth time: SEARCH finds every route the filter has published.
    const routePercentile = (stat: string): cloudwatch.MathExpression =>
      new cloudwatch.MathExpression({
        expression: `SEARCH('{${props.filters.namespace},${routeKey}} MetricName="${filterMetrics.routeLatency}"', '${stat}', ${period.toSeconds()})`,
        // One line per route: the label names the route, so p50/p90/p99 of two routes never look alike.
        label: `\${PROP('Dim.${routeKey}')} ${stat}`,
        period,
      });
    const outcomes = catalog.login_attempt.fields.outcome.values;
    const outcomeKey: FieldName<'login_attempt'> = 'outcome';
    const reasons = catalog.login_attempt.fields.reason.values;
    const reasonKey: FieldName<'login_attempt'> = 'reason';
    const platform = (
      namespace: string,
      metricName: string,
      dimensionsMap: Record<string, string>,
      statistic: string,
    ) => new cloudwatch.Metric({ namespace, metricName, dimensionsMap, statistic, period });
    const filterMetric = (name: FilterMetricName, label: string, dimensionsMap?: Record<string, string>) =>
      props.filters.metric(name, { period, dimensionsMap }).with({ label });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(3),
      widgets: [
        [
          new cloudwatch.AlarmStatusWidget({
            title: 'Alarms',
            alarms: [...props.alarms],
            width: 24,
            height: 4,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Requests per function',
            left: props.services.map((s) =>
              emf(metricNames.requestLatency, s, cloudwatch.Stats.SAMPLE_COUNT),
            ),
            stacked: true,
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Latency by route (ms): p50, p90, p99',
            left: ['p50', 'p90', 'p99'].map(routePercentile),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Cold starts per function',
            left: props.services.map((s) => emf(metricNames.coldStart, s, cloudwatch.Stats.SUM)),
            width: 8,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Errors: ERROR records, 5xx per function, timeouts',
            left: [
              filterMetric(filterMetrics.errorEvents, 'ERROR records'),
              ...props.services.map((service) =>
                filterMetric(filterMetrics.serverErrors, `5xx ${service}`, {
                  [metricNames.serviceDimension]: service,
                }),
              ),
              filterMetric(filterMetrics.timeouts, 'timeouts'),
            ],
            width: 8,
          }),
          new cloudwatch.LogQueryWidget({
            title: 'Warnings and errors by category and event',
            logGroupNames: functionGroupNames,
            queryLines: [
              `filter ${recordKeys.level} in ["WARN", "ERROR"]`,
              `stats count(*) as records by ${recordKeys.category}, ${recordKeys.message}`,
              'sort records desc',
            ],
            view: cloudwatch.LogQueryVisualizationType.TABLE,
            width: 8,
          }),
          ...(loginWidgets
            ? [
                new cloudwatch.GraphWidget({
                  title: 'Login outcomes',
                  left: outcomes.map((outcome) =>
                    filterMetric(filterMetrics.loginAttempts, outcome, { [outcomeKey]: outcome }),
                  ),
                  stacked: true,
                  width: 8,
                }),
              ]
            : []),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Lambda: errors and throttles per function',
            left: props.platform.functions.flatMap(({ serviceName, functionName }) =>
              ['Errors', 'Throttles'].map((metricName) =>
                platform('AWS/Lambda', metricName, { FunctionName: functionName }, cloudwatch.Stats.SUM).with(
                  {
                    label: `${metricName.toLowerCase()} ${serviceName}`,
                  },
                ),
              ),
            ),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'API: requests and 5xx (left), p99 latency in ms (right)',
            left: ['Count', '5xx'].map((metricName) =>
              platform(
                'AWS/ApiGateway',
                metricName,
                { ApiId: props.platform.apiId },
                cloudwatch.Stats.SUM,
              ).with({
                label: metricName === 'Count' ? 'requests' : '5xx',
              }),
            ),
            right: [
              platform(
                'AWS/ApiGateway',
                'Latency',
                { ApiId: props.platform.apiId },
                cloudwatch.Stats.p(99),
              ).with({
                label: 'p99 latency',
              }),
            ],
            width: 8,
          }),
          ...(loginWidgets
            ? [
                new cloudwatch.GraphWidget({
                  // invalid_input is no password guess (the brute-force alarm ignores it) but stays visible here
                  title: 'Failed logins by reason',
                  left: reasons.map((reason) =>
                    filterMetric(filterMetrics.loginFailures, reason, { [reasonKey]: reason }),
                  ),
                  stacked: true,
                  width: 8,
                }),
              ]
            : []),
        ],
        [
          new cloudwatch.LogQueryWidget({
            // The layer puts memory on a request's record on the cold start (the baseline) and above its
            // threshold (0.8 of the configured memory): a share near 1 is an instance close to an OOM kill.
            title: 'Memory per function: highest RSS, heap and share of the configured memory',
            logGroupNames: functionGroupNames,
            queryLines: memoryQueryLines(),
            view: cloudwatch.LogQueryVisualizationType.TABLE,
            width: 12,
          }),
          new cloudwatch.LogQueryWidget({
            // external_call is DEBUG when fast: at INFO the groups hold the slow calls and every call of a
            // failed request (the layer flushes its DEBUG buffer then), the ones worth a look.
            title: 'Outgoing HTTP calls (slow or of failed requests) by host and path: count, p99 ms',
            logGroupNames: functionGroupNames,
            queryLines: externalCallQueryLines(),
            view: cloudwatch.LogQueryVisualizationType.TABLE,
            width: 12,
          }),
        ],
      ],
    });
  }
}
