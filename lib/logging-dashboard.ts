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
  /** @default Duration.minutes(5) */
  readonly period?: Duration;
}

const routeKey: FieldName<'request_completed'> = 'route';

/** One dashboard: traffic, latency by route, errors by category and event, login outcomes, alarm states. */
export class LoggingDashboard extends Construct {
  public readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: LoggingDashboardProps) {
    super(scope, id);
    const period = props.period ?? Duration.minutes(5);
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
            logGroupNames: props.functionLogGroups.map((group) => group.logGroupName),
            queryLines: [
              `filter ${recordKeys.level} in ["WARN", "ERROR"]`,
              `stats count(*) as records by ${recordKeys.category}, ${recordKeys.message}`,
              'sort records desc',
            ],
            view: cloudwatch.LogQueryVisualizationType.TABLE,
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Login outcomes',
            left: outcomes.map((outcome) =>
              filterMetric(filterMetrics.loginAttempts, outcome, { [outcomeKey]: outcome }),
            ),
            stacked: true,
            width: 8,
          }),
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
          new cloudwatch.GraphWidget({
            // invalid_input is no password guess (the brute-force alarm ignores it) but stays visible here
            title: 'Failed logins by reason',
            left: reasons.map((reason) =>
              filterMetric(filterMetrics.loginFailures, reason, { [reasonKey]: reason }),
            ),
            stacked: true,
            width: 8,
          }),
        ],
      ],
    });
  }
}
