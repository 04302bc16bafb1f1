import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { notifyingAlarms, sumOf } from './alarm-notifier';

export interface TableAlarmThresholds {
  /** Throttled DynamoDB requests per table in 5 minutes (the SDK retries some; sustained ones reach users). */
  readonly throttlesPer5Min: number;
  /** DynamoDB system errors (5xx) per table in 5 minutes; a few are retried and expected. */
  readonly systemErrorsPer5Min: number;
}

export const DefaultTableThrottlesPer5Min = 5;
export const DefaultTableSystemErrorsPer5Min = 5;

export interface MonitoredTable {
  /** Construct id part of its alarms. */
  readonly id: string;
  readonly tableName: string;
  /** The operations its callers use (ThrottledRequests and SystemErrors are published per operation). */
  readonly operations: readonly string[];
}

export interface TableAlarmsProps {
  readonly topic: sns.ITopic;
  readonly tables: readonly MonitoredTable[];
  /** @default - the named defaults above */
  readonly thresholds?: Partial<TableAlarmThresholds>;
}

/** `AWS/DynamoDB` ThrottledRequests and SystemErrors per table, summed over the operations its callers use. */
export class TableAlarms extends Construct {
  public readonly thresholds: TableAlarmThresholds;
  /** Per table id. */
  public readonly tables: Readonly<
    Record<string, { throttles: cloudwatch.Alarm; systemErrors: cloudwatch.Alarm }>
  >;
  public readonly all: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: TableAlarmsProps) {
    super(scope, id);
    const t: TableAlarmThresholds = {
      throttlesPer5Min: DefaultTableThrottlesPer5Min,
      systemErrorsPer5Min: DefaultTableSystemErrorsPer5Min,
      ...props.thresholds,
    };
    this.thresholds = t;
    const alarm = notifyingAlarms(props.topic);
    const period = Duration.minutes(5);
    const count = (alarmId: string, description: string, metric: cloudwatch.IMetric, threshold: number) =>
      alarm(
        this,
        alarmId,
        {
          alarmDescription: description,
          metric,
          threshold,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING, // published only when it happens
        },
        true,
      );
    this.tables = Object.fromEntries(
      props.tables.map((table) => {
        const perOperation = (metricName: string) =>
          new cloudwatch.MathExpression({
            label: `${metricName} (all operations)`,
            expression: sumOf(table.operations.map((_, i) => `o${i}`)),
            usingMetrics: Object.fromEntries(
              table.operations.map((operation, i) => [
                `o${i}`,
                new cloudwatch.Metric({
                  namespace: 'AWS/DynamoDB',
                  metricName,
                  dimensionsMap: { TableName: table.tableName, Operation: operation },
                  statistic: cloudwatch.Stats.SUM,
                  period,
                }),
              ]),
            ),
            period,
          });
        return [
          table.id,
          {
            throttles: count(
              `Throttles-${table.id}`,
              `DynamoDB: ${t.throttlesPer5Min} or more throttled requests on the ${table.id} table in 5 minutes`,
              perOperation('ThrottledRequests'),
              t.throttlesPer5Min,
            ),
            systemErrors: count(
              `SystemErrors-${table.id}`,
              `DynamoDB: ${t.systemErrorsPer5Min} or more system errors on the ${table.id} table in 5 minutes`,
              perOperation('SystemErrors'),
              t.systemErrorsPer5Min,
            ),
          },
        ];
      }),
    );
    this.all = Object.values(this.tables).flatMap((table) => [table.throttles, table.systemErrors]);
  }
}
