import {
  type CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeMetricFiltersCommand,
  type LogGroup,
} from '@aws-sdk/client-cloudwatch-logs';
import { type HealthCheck, unverifiedCheck } from './health-check';

/** Pages read at most per listing: a prefix matching thousands of groups must not turn a health check into a scan. */
const maxPages = 10;

/** DescribeLogGroups filters by prefix only, so page until the exact name shows up (or cannot any more). */
const findLogGroup = async (logs: CloudWatchLogsClient, name: string): Promise<LogGroup | undefined> => {
  let nextToken: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const output = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name, nextToken }));
    const group = output.logGroups?.find((candidate) => candidate.logGroupName === name);
    if (group || !output.nextToken) return group;
    nextToken = output.nextToken;
  }
  return undefined;
};

const metricFilterNames = async (logs: CloudWatchLogsClient, logGroupName: string): Promise<Set<string>> => {
  const names = new Set<string>();
  let nextToken: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const output = await logs.send(new DescribeMetricFiltersCommand({ logGroupName, nextToken }));
    for (const filter of output.metricFilters ?? []) if (filter.filterName) names.add(filter.filterName);
    if (!output.nextToken) break;
    nextToken = output.nextToken;
  }
  return names;
};

const retentionCheck = (group: LogGroup, target: string): HealthCheck =>
  group.retentionInDays
    ? {
        name: 'retention',
        target,
        status: 'pass',
        severity: 'warning',
        detail: `${group.retentionInDays} days`,
      }
    : {
        name: 'retention',
        target,
        status: 'fail',
        severity: 'warning',
        detail: 'no retention policy: logs are kept (and billed) forever',
      };

const metricFiltersCheck = async (
  logs: CloudWatchLogsClient,
  target: string,
  expected: readonly string[],
): Promise<HealthCheck> => {
  try {
    const present = await metricFilterNames(logs, target);
    const missing = expected.filter((name) => !present.has(name));
    return missing.length === 0
      ? {
          name: 'metric_filters',
          target,
          status: 'pass',
          severity: 'warning',
          detail: `${expected.length} present`,
        }
      : {
          name: 'metric_filters',
          target,
          status: 'fail',
          severity: 'warning',
          detail: `missing: ${missing.join(', ')}`,
        };
  } catch (error) {
    return unverifiedCheck('metric_filters', target, 'warning', error);
  }
};

/**
 * Existence, retention and (when expected filters are configured) metric filters of one log group. When the
 * group is missing or cannot be described, only that check is reported: retention of a missing group is noise.
 */
export const checkLogGroup = async (
  logs: CloudWatchLogsClient,
  target: string,
  expectedFilters: readonly string[] | undefined,
): Promise<HealthCheck[]> => {
  let group: LogGroup | undefined;
  try {
    group = await findLogGroup(logs, target);
  } catch (error) {
    return [unverifiedCheck('log_group_exists', target, 'critical', error)];
  }
  if (!group) {
    return [
      {
        name: 'log_group_exists',
        target,
        status: 'fail',
        severity: 'critical',
        detail: 'log group does not exist',
      },
    ];
  }
  const checks: HealthCheck[] = [
    { name: 'log_group_exists', target, status: 'pass', severity: 'critical', detail: 'exists' },
    retentionCheck(group, target),
  ];
  if (expectedFilters && expectedFilters.length > 0) {
    checks.push(await metricFiltersCheck(logs, target, expectedFilters));
  }
  return checks;
};
