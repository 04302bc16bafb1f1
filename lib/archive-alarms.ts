import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { notifyingAlarms, sumOf } from './alarm-notifier';

/** The archive pipeline's thresholds: a record that cannot reach the bucket is an audit gap. */
export interface ArchiveAlarmThresholds {
  /** Records CloudWatch Logs could not hand to Firehose (errors and throttles) in 5 minutes. */
  readonly deliveryErrorsPer5Min: number;
  /** Age of the oldest record Firehose has not delivered yet, in seconds. */
  readonly freshnessSeconds: number;
  /** Consecutive 5-minute periods in which some S3 put failed. */
  readonly failedDeliveryPeriods: number;
}

export const DefaultArchiveDeliveryErrorsPer5Min = 1;
/** Three buffering intervals: one is normal, a record older than three is stuck. */
export const DefaultArchiveFreshnessSeconds = 900;
export const DefaultArchiveFailedDeliveryPeriods = 3;

/** What CloudWatch Logs calls a Firehose destination in the `DestinationType` dimension of its metrics. */
export const FirehoseDestinationType = 'Firehose';
/** An alarm's metric math may use 10 metrics: two per filter (errors, throttling). */
const filtersPerAlarm = 5;

export interface ArchiveAlarmsProps {
  readonly topic: sns.ITopic;
  readonly subscriptionFilters: readonly {
    readonly filter: logs.SubscriptionFilter;
    readonly logGroup: logs.ILogGroup;
  }[];
  readonly deliveryStream: firehose.IDeliveryStream;
  /** @default - the named defaults above */
  readonly thresholds?: Partial<ArchiveAlarmThresholds>;
}

/**
 * Alarms on the archive pipeline: CloudWatch Logs failing to hand records to Firehose (AWS/Logs
 * DeliveryErrors and DeliveryThrottling per subscription filter), and Firehose failing to write them to S3
 * (AWS/Firehose DeliveryToS3.DataFreshness and DeliveryToS3.Success). Quiet while nothing is archived.
 */
export class ArchiveAlarms extends Construct {
  public readonly thresholds: ArchiveAlarmThresholds;
  /** One per group of up to five subscription filters. */
  public readonly delivery: readonly cloudwatch.Alarm[];
  public readonly freshness: cloudwatch.Alarm;
  public readonly failedDelivery: cloudwatch.Alarm;
  public readonly all: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ArchiveAlarmsProps) {
    super(scope, id);
    const t: ArchiveAlarmThresholds = {
      deliveryErrorsPer5Min: DefaultArchiveDeliveryErrorsPer5Min,
      freshnessSeconds: DefaultArchiveFreshnessSeconds,
      failedDeliveryPeriods: DefaultArchiveFailedDeliveryPeriods,
      ...props.thresholds,
    };
    this.thresholds = t;
    const alarm = notifyingAlarms(props.topic);
    const period = Duration.minutes(5);
    const quiet = cloudwatch.TreatMissingData.NOT_BREACHING;

    const chunks: (typeof props.subscriptionFilters)[] = [];
    for (let i = 0; i < props.subscriptionFilters.length; i += filtersPerAlarm)
      chunks.push(props.subscriptionFilters.slice(i, i + filtersPerAlarm));
    this.delivery = chunks.map((chunk, index) => {
      const usingMetrics: Record<string, cloudwatch.IMetric> = {};
      chunk.forEach(({ filter, logGroup }, i) => {
        const dimensionsMap = {
          LogGroupName: logGroup.logGroupName,
          DestinationType: FirehoseDestinationType,
          // Ref of a subscription filter is its (generated) name
          FilterName: (filter.node.defaultChild as logs.CfnSubscriptionFilter).ref,
        };
        for (const [prefix, metricName] of [
          ['d', 'DeliveryErrors'],
          ['t', 'DeliveryThrottling'],
        ] as const)
          usingMetrics[`${prefix}${i}`] = new cloudwatch.Metric({
            namespace: 'AWS/Logs',
            metricName,
            dimensionsMap,
            statistic: cloudwatch.Stats.SUM,
            period,
          });
      });
      return alarm(
        this,
        `Delivery${index}`,
        {
          alarmDescription: `Archive: ${t.deliveryErrorsPer5Min} or more security records CloudWatch Logs could not hand to Firehose in 5 minutes`,
          metric: new cloudwatch.MathExpression({
            label: 'Records not delivered to Firehose',
            expression: sumOf(Object.keys(usingMetrics)),
            usingMetrics,
            period,
          }),
          threshold: t.deliveryErrorsPer5Min,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: quiet,
        },
        true,
      );
    });

    const stream = { DeliveryStreamName: props.deliveryStream.deliveryStreamName };
    this.freshness = alarm(
      this,
      'Freshness',
      {
        alarmDescription: `Archive: a security record has waited ${t.freshnessSeconds} s or more for delivery to S3`,
        metric: new cloudwatch.Metric({
          namespace: 'AWS/Firehose',
          metricName: 'DeliveryToS3.DataFreshness',
          dimensionsMap: stream,
          statistic: cloudwatch.Stats.MAXIMUM,
          period,
        }),
        threshold: t.freshnessSeconds,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: quiet, // no data: nothing waiting
      },
      true,
    );
    this.failedDelivery = alarm(
      this,
      'FailedDelivery',
      {
        alarmDescription: `Archive: S3 puts failing in ${t.failedDeliveryPeriods} consecutive 5-minute periods (Firehose retries, records pile up)`,
        metric: new cloudwatch.Metric({
          namespace: 'AWS/Firehose',
          metricName: 'DeliveryToS3.Success',
          dimensionsMap: stream,
          statistic: cloudwatch.Stats.MINIMUM,
          period,
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: t.failedDeliveryPeriods,
        treatMissingData: quiet,
      },
      true,
    );
    this.all = [...this.delivery, this.freshness, this.failedDelivery];
  }
}
