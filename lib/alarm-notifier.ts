import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/** How an alarm tells someone: ALARM always, OK only where the recovery is news (an attack stopped). */
export type AlarmFactory = (
  scope: Construct,
  id: string,
  props: cloudwatch.AlarmProps,
  notifyOk: boolean,
) => cloudwatch.Alarm;

/** Alarms that notify one topic; none gets a physical name (the stack name prefixes generated ones). */
export const notifyingAlarms = (topic: sns.ITopic): AlarmFactory => {
  const notify = new actions.SnsAction(topic);
  return (scope, id, props, notifyOk) => {
    const alarm = new cloudwatch.Alarm(scope, id, props);
    alarm.addAlarmAction(notify);
    if (notifyOk) alarm.addOkAction(notify);
    return alarm;
  };
};

/** `FILL(a, 0) + FILL(b, 0)` of metric-math ids, parenthesised. */
export const sumOf = (ids: readonly string[]): string => `(${ids.map((id) => `FILL(${id}, 0)`).join(' + ')})`;
