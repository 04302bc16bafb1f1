import { type CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { type HealthCheck, unverifiedCheck } from './health-check';

/** Names listed in the detail at most; the count is always exact. */
const maxNamesShown = 10;
const maxPages = 5;

/** Alarms of this stack currently in ALARM: logging works, but what it watches is on fire. */
export const checkAlarms = async (cloudWatch: CloudWatchClient, prefix: string): Promise<HealthCheck> => {
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
    return unverifiedCheck('alarms', prefix, 'warning', error);
  }
  if (firing.length === 0) {
    return { name: 'alarms', target: prefix, status: 'pass', severity: 'warning', detail: 'none in ALARM' };
  }
  const shown = firing.slice(0, maxNamesShown).join(', ');
  const more = firing.length > maxNamesShown ? ` and ${firing.length - maxNamesShown} more` : '';
  return {
    name: 'alarms',
    target: prefix,
    status: 'fail',
    severity: 'warning',
    detail: `${firing.length} in ALARM: ${shown}${more}`,
  };
};
