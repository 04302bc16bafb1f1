import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { notifyingAlarms } from './alarm-notifier';

/** Events with data protection findings per group in 5 minutes: one is a leak the layer let through. */
export const DefaultRedactionFindingsPer5Min = 1;

export interface RedactionAlarmsProps {
  readonly topic: sns.ITopic;
  /** Every group with a data protection policy, by the service writing to it. */
  readonly protectedGroups: readonly { readonly serviceName: string; readonly logGroup: logs.ILogGroup }[];
  /** @default DefaultRedactionFindingsPer5Min */
  readonly findingsPer5Min?: number;
}

/**
 * A redaction leak becomes an alarm: CloudWatch Logs data protection masks an email or key at ingestion and
 * counts the event in AWS/Logs LogEventsWithFindings. The layer masks emails and redacts secrets before they
 * are written, so any finding is a record it missed (a third-party library's console output, the runtime's
 * own error record, a new field).
 */
export class RedactionAlarms extends Construct {
  public readonly findingsPer5Min: number;
  /** Per service. */
  public readonly leaks: Readonly<Record<string, cloudwatch.Alarm>>;
  public readonly all: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: RedactionAlarmsProps) {
    super(scope, id);
    this.findingsPer5Min = props.findingsPer5Min ?? DefaultRedactionFindingsPer5Min;
    const alarm = notifyingAlarms(props.topic);
    this.leaks = Object.fromEntries(
      props.protectedGroups.map(({ serviceName, logGroup }) => [
        serviceName,
        alarm(
          this,
          `Leak-${serviceName}`,
          {
            alarmDescription: `Redaction: ${this.findingsPer5Min} or more ${serviceName} records with an email or key data protection had to mask, in 5 minutes`,
            metric: new cloudwatch.Metric({
              namespace: 'AWS/Logs',
              metricName: 'LogEventsWithFindings',
              dimensionsMap: { LogGroupName: logGroup.logGroupName },
              statistic: cloudwatch.Stats.SUM,
              period: Duration.minutes(5),
            }),
            threshold: this.findingsPer5Min,
            comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            evaluationPeriods: 1,
            treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING, // published only for findings
          },
          false, // each leak is an event to look at
        ),
      ]),
    );
    this.all = Object.values(this.leaks);
  }
}
