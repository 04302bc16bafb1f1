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
import { InternalServerError } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsFixtures, Fault } from './protocol';

/** A call that never answers: the SDK would wait for its socket while Lambda's clock runs out. */
const hang = (): Promise<never> => new Promise(() => undefined);

const minuteMs = 60_000;

export interface AwsFakes {
  /** The faults the next invocation runs with (replaces the previous set). */
  setFaults(faults: readonly Fault[]): void;
}

/**
 * Serves the AWS calls the two functions make, in-process, with aws-sdk-client-mock: the users table (items
 * hold real scrypt hashes), the JWT secret, and CloudWatch/CloudWatch Logs Describe* answers built from the
 * stack model. Installed before the handler module loads so its module-scope clients are covered.
 */
export const installAwsFakes = (
  fixtures: AwsFixtures,
  passwordHashes: ReadonlyMap<string, string>,
): AwsFakes => {
  let faults = new Set<Fault>();

  mockClient(DynamoDBDocumentClient)
    .on(GetCommand)
    .callsFake(async (input: { Key?: { email?: string } }) => {
      if (faults.has('dynamodb-hangs')) return hang();
      if (faults.has('dynamodb-unavailable'))
        throw new InternalServerError({
          message: 'Internal server error',
          $metadata: { httpStatusCode: 500 },
        });
      const email = input.Key?.email ?? '';
      const hash = passwordHashes.get(email);
      return { Item: hash ? { email, password_hash: hash } : undefined, $metadata: { httpStatusCode: 200 } };
    });

  mockClient(SecretsManagerClient)
    .on(GetSecretValueCommand)
    .callsFake(async (input: { SecretId?: string }) => ({
      ARN: input.SecretId,
      Name: 'jwt-signing-key',
      SecretString: fixtures.jwtSecret,
      $metadata: { httpStatusCode: 200 },
    }));

  const logs = mockClient(CloudWatchLogsClient);
  logs.on(DescribeLogGroupsCommand).callsFake(async (input: { logGroupNamePrefix?: string }) => {
    if (faults.has('logs-api-hangs')) return hang();
    const prefix = input.logGroupNamePrefix ?? '';
    return {
      logGroups: fixtures.logGroups
        .filter((group) => group.name.startsWith(prefix))
        .map((group) => ({ logGroupName: group.name, retentionInDays: group.retentionDays })),
    };
  });
  logs.on(DescribeMetricFiltersCommand).callsFake(async (input: { logGroupName?: string }) => {
    const filters = fixtures.metricFilters.filter((filter) => filter.logGroupName === input.logGroupName);
    // A deleted filter: the first one of the group is gone.
    const served = faults.has('missing-metric-filter') ? filters.slice(1) : filters;
    return { metricFilters: served.map(({ filterName, logGroupName }) => ({ filterName, logGroupName })) };
  });
  logs.on(DescribeLogStreamsCommand).callsFake(async () => {
    // The handler compares with its own clock, so answer in wall-clock time: fresh, or three hours silent.
    const silent = faults.has('stale-log-stream') || faults.has('quiet-night');
    const last = Date.now() - (silent ? 180 : 1) * minuteMs;
    return { logStreams: [{ logStreamName: 'latest', lastIngestionTime: last, lastEventTimestamp: last }] };
  });

  const cloudWatch = mockClient(CloudWatchClient);
  cloudWatch.on(DescribeAlarmsCommand).callsFake(async (input: { AlarmNamePrefix?: string }) => ({
    MetricAlarms: faults.has('alarm-firing')
      ? [{ AlarmName: `${input.AlarmNamePrefix ?? ''}AlarmsBruteForce`, StateValue: 'ALARM' }]
      : [],
    CompositeAlarms: [],
  }));
  // The login function's invocations: a stale stream had traffic (logging broke), a quiet night had none.
  cloudWatch.on(GetMetricStatisticsCommand).callsFake(async () => ({
    Datapoints: faults.has('stale-log-stream') ? [{ Sum: 12 }] : [],
  }));

  return {
    setFaults: (next) => {
      faults = new Set(next);
    },
  };
};
