import { type CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { errorCode } from '../shared/error-code';

/** Names listed at most; the count is always exact. */
const maxNamesShown = 10;
const maxPages = 5;

/**
 * The stack's alarms currently in ALARM. Reported next to the checks, never as one: whether logging works does
 * not depend on what the alarms watch, and a health check that failed while an alarm fires would feed the
 * health alarm from every other alarm (and keep itself in ALARM).
 */
export interface AlarmReport {
  /** The alarm name prefix looked up (`<stack name>-`). */
  readonly prefix: string;
  readonly count: number;
  readonly in_alarm: readonly string[];
  /** Set when DescribeAlarms failed: the count is then unknown (0). */
  readonly error_code?: string;
}

export const reportAlarms = async (cloudWatch: CloudWatchClient, prefix: string): Promise<AlarmReport> => {
  const firing: string[] = [];
  try {
    let nextToken: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const output = await cloudWatch.send(
        new DescribeAlarmsCommand({
          AlarmNamePrefix: prefix,
          StateValue: 'ALARM',
          AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
          NextToken: nextToken,
        }),
      );
      for (const alarm of [...(output.MetricAlarms ?? []), ...(output.CompositeAlarms ?? [])]) {
        if (alarm.AlarmName) firing.push(alarm.AlarmName);
      }
      if (!output.NextToken) break;
      nextToken = output.NextToken;
    }
  } catch (error) {
    return { prefix, count: 0, in_alarm: [], error_code: errorCode(error) };
  }
  return { prefix, count: firing.length, in_alarm: firing.slice(0, maxNamesShown) };
};
