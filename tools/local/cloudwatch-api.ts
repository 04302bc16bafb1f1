import type { AlarmModel, PseudoParameters } from '../cloud-assembly';
import { computeStatistic, type MetricStore } from '../monitoring';
import type { AlarmState } from '../monitoring/types';
import { type LocalService, paginate } from './aws-endpoint';

/** An alarm of the stack with its live local state. */
export interface AlarmStatus {
  readonly alarm: AlarmModel;
  readonly state: AlarmState;
  readonly reason: string;
  readonly updatedAt: number;
}

const seconds = (epochMs: number) => epochMs / 1000;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** The JSON protocol sends timestamps as epoch seconds. */
const epochMs = (value: unknown): number =>
  typeof value === 'number' ? value * 1000 : Date.parse(String(value));

/**
 * GetMetricStatistics over the live metric store: one datapoint per period that has samples, as CloudWatch
 * answers (periods without data are left out, not zero).
 */
const getMetricStatistics = (store: MetricStore) => (input: Record<string, unknown>) => {
  const dimensions = Object.fromEntries(
    ((input.Dimensions as { Name: string; Value: string }[] | undefined) ?? []).map((d) => [d.Name, d.Value]),
  );
  const metric = { namespace: String(input.Namespace), metricName: String(input.MetricName), dimensions };
  const periodSeconds = Number(input.Period) || 60;
  const statistics = strings(input.Statistics);
  const datapoints = [];
  for (let start = epochMs(input.StartTime); start < epochMs(input.EndTime); start += periodSeconds * 1000) {
    const values = store.values(metric, start, start + periodSeconds * 1000);
    if (values.length === 0) continue;
    datapoints.push({
      Timestamp: seconds(start),
      ...Object.fromEntries(statistics.map((statistic) => [statistic, computeStatistic(values, statistic)])),
    });
  }
  return { Label: metric.metricName, Datapoints: datapoints };
};

/**
 * CloudWatch (`GraniteServiceVersion20100801`): DescribeAlarms over the live alarm states, GetMetricStatistics
 * over the live metrics. The SDK version
 * this project pins (3.1164) speaks AWS JSON 1.0 to CloudWatch, not the older awsQuery XML, so the answer is
 * JSON with epoch-second timestamps.
 */
export const cloudWatchService = (
  pseudo: PseudoParameters,
  alarms: () => readonly AlarmStatus[],
  store: MetricStore,
): LocalService => {
  const arnOf = (name: string) => `arn:aws:cloudwatch:${pseudo.region}:${pseudo.accountId}:alarm:${name}`;

  const describeAlarms = (input: Record<string, unknown>) => {
    const names = strings(input.AlarmNames);
    const prefix = typeof input.AlarmNamePrefix === 'string' ? input.AlarmNamePrefix : undefined;
    const types = strings(input.AlarmTypes);
    const wantsMetricAlarms = types.length === 0 || types.includes('MetricAlarm');
    const matching = alarms()
      .filter(({ alarm }) => names.length === 0 || names.includes(alarm.name))
      .filter(({ alarm }) => !prefix || alarm.name.startsWith(prefix))
      .filter(({ state }) => !input.StateValue || state === input.StateValue)
      .filter(() => wantsMetricAlarms)
      .sort((a, b) => a.alarm.name.localeCompare(b.alarm.name));
    const { page, nextToken } = paginate(matching, input.MaxRecords, input.NextToken, 50);
    return {
      MetricAlarms: page.map(({ alarm, state, reason, updatedAt }) => ({
        AlarmName: alarm.name,
        AlarmArn: arnOf(alarm.name),
        AlarmDescription: alarm.description,
        ActionsEnabled: true,
        AlarmActions: alarm.alarmActions,
        OKActions: alarm.okActions,
        InsufficientDataActions: [],
        StateValue: state,
        StateReason: reason,
        StateUpdatedTimestamp: seconds(updatedAt),
        StateTransitionedTimestamp: seconds(updatedAt),
        AlarmConfigurationUpdatedTimestamp: seconds(updatedAt),
        MetricName: alarm.metricName,
        Namespace: alarm.namespace,
        Dimensions: Object.entries(alarm.dimensions).map(([Name, Value]) => ({ Name, Value })),
        Statistic: /^p\d/.test(alarm.statistic) ? undefined : alarm.statistic,
        ExtendedStatistic: /^p\d/.test(alarm.statistic) ? alarm.statistic : undefined,
        Period: alarm.metrics ? undefined : alarm.periodSeconds,
        EvaluationPeriods: alarm.evaluationPeriods,
        DatapointsToAlarm: alarm.datapointsToAlarm,
        Threshold: alarm.threshold,
        ComparisonOperator: alarm.comparisonOperator,
        TreatMissingData: alarm.treatMissingData,
        Metrics: alarm.metrics?.map((query) => ({
          Id: query.id,
          Expression: query.expression,
          Label: query.label,
          ReturnData: query.returnData,
          MetricStat: query.metric && {
            Metric: {
              Namespace: query.metric.namespace,
              MetricName: query.metric.metricName,
              Dimensions: Object.entries(query.metric.dimensions).map(([Name, Value]) => ({ Name, Value })),
            },
            Period: query.metric.period,
            Stat: query.metric.stat,
          },
        })),
      })),
      CompositeAlarms: [],
      NextToken: nextToken,
    };
  };

  return {
    targetPrefix: 'GraniteServiceVersion20100801',
    jsonVersion: '1.0',
    operations: { DescribeAlarms: describeAlarms, GetMetricStatistics: getMetricStatistics(store) },
  };
};
