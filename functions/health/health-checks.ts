import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { type AlarmReport, reportAlarms } from './alarm-check';
import { checkFreshness } from './freshness-check';
import type { HealthCheck } from './health-check';
import type { HealthConfigResult } from './health-config';
import { checkLogGroup } from './log-group-checks';

export interface HealthClients {
  readonly logs: CloudWatchLogsClient;
  readonly cloudWatch: CloudWatchClient;
}

export interface HealthReport {
  readonly checks: readonly HealthCheck[];
  /** Absent when no alarm prefix is configured. */
  readonly alarms?: AlarmReport;
}

/**
 * Runs every check concurrently (a health endpoint should answer in one round trip's time) and returns them in
 * a stable order: configuration, then per group, then freshness; the alarm report beside them.
 */
export const runHealthChecks = async (
  { config, problems }: HealthConfigResult,
  clients: HealthClients,
  now: number = Date.now(),
): Promise<HealthReport> => {
  const configuration: HealthCheck[] =
    problems.length > 0
      ? [{ name: 'configuration', status: 'fail', severity: 'critical', detail: problems.join('; ') }]
      : [];
  const [groups, freshness, alarms] = await Promise.all([
    Promise.all(
      config.logGroupNames.map((name) =>
        checkLogGroup(clients.logs, name, config.expectedMetricFilters[name]),
      ),
    ),
    config.freshnessLogGroup
      ? checkFreshness(
          clients.logs,
          clients.cloudWatch,
          {
            logGroupName: config.freshnessLogGroup,
            functionName: config.freshnessFunctionName,
            thresholdMinutes: config.freshnessThresholdMinutes,
          },
          now,
        )
      : undefined,
    config.alarmNamePrefix ? reportAlarms(clients.cloudWatch, config.alarmNamePrefix) : undefined,
  ]);
  return { checks: [...configuration, ...groups.flat(), ...(freshness ? [freshness] : [])], alarms };
};
