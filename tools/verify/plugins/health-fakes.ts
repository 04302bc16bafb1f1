import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricStatisticsCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  DescribeMetricFiltersCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import type { FakeContext, InstallFakes } from '../aws-fakes';

const minuteMs = 60_000;

const failIfDown = (context: FakeContext, service: string): void => {
  const fault = context.sdkCall(service);
  if (fault) throw fault;
};

/**
 * The health function's AWS, in its runner process: CloudWatch Logs and CloudWatch Describe* answers built from
 * the stack model, with the faults of the health scenarios (a deleted filter, a stale group, a firing alarm).
 */
export const installFakes: InstallFakes = (context) => {
  const { fixtures } = context;
  const logs = mockClient(CloudWatchLogsClient);
  logs.on(DescribeLogGroupsCommand).callsFake(async (input: { logGroupNamePrefix?: string }) => {
    failIfDown(context, 'CloudWatchLogs');
    if (context.has('sdk-debug-output'))
      console.info('CloudWatchLogsClient resolved credentials', {
        accessKeyId: fixtures.debugCredentials.accessKeyId,
        secretAccessKey: fixtures.debugCredentials.secretAccessKey,
      });
    const prefix = input.logGroupNamePrefix ?? '';
    return {
      logGroups: fixtures.logGroups
        .filter((group) => group.name.startsWith(prefix))
        .map((group) => ({ logGroupName: group.name, retentionInDays: group.retentionDays })),
    };
  });
  logs.on(DescribeMetricFiltersCommand).callsFake(async (input: { logGroupName?: string }) => {
    failIfDown(context, 'CloudWatchLogs');
    const filters = fixtures.metricFilters.filter((filter) => filter.logGroupName === input.logGroupName);
    // A deleted filter: the first one of the group is gone.
    const served = context.has('missing-metric-filter') ? filters.slice(1) : filters;
    return { metricFilters: served.map(({ filterName, logGroupName }) => ({ filterName, logGroupName })) };
  });
  logs.on(DescribeLogStreamsCommand).callsFake(async () => {
    failIfDown(context, 'CloudWatchLogs');
    // The handler compares with its own clock, so answer in wall-clock time: fresh, or three hours silent.
    const silent = context.has('stale-log-stream') || context.has('quiet-night');
    const last = Date.now() - (silent ? 180 : 1) * minuteMs;
    return { logStreams: [{ logStreamName: 'latest', lastIngestionTime: last, lastEventTimestamp: last }] };
  });

  const cloudWatch = mockClient(CloudWatchClient);
  cloudWatch.on(DescribeAlarmsCommand).callsFake(async (input: { AlarmNamePrefix?: string }) => {
    failIfDown(context, 'CloudWatch');
    return {
      MetricAlarms: context.has('alarm-firing')
        ? [{ AlarmName: `${input.AlarmNamePrefix ?? ''}AlarmsBruteForce`, StateValue: 'ALARM' }]
        : [],
      CompositeAlarms: [],
    };
  });
  // The login function's invocations: a stale stream had traffic (logging broke), a quiet night had none.
  cloudWatch.on(GetMetricStatisticsCommand).callsFake(async () => {
    failIfDown(context, 'CloudWatch');
    return { Datapoints: context.has('stale-log-stream') ? [{ Sum: 12 }] : [] };
  });
  return undefined;
};
