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
import { InternalServerError, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsFixtures, DynamoCall, Fault, InvocationPlan } from './protocol';
import type { VirtualClock } from './virtual-clock';

/** A call that never answers: the SDK would wait for its socket while Lambda's clock runs out. */
const hang = (): Promise<never> => new Promise(() => undefined);

const minuteMs = 60_000;

export interface AwsFakes {
  /** The next invocation's faults (replacing the previous ones); its DynamoDB call log starts empty. */
  startInvocation(plan: Pick<InvocationPlan, 'faults' | 'slowMs'>, startedAt: number): void;
  /** What DynamoDB answered during the current invocation. */
  dynamoCalls(): DynamoCall[];
}

/** Modelled service time of an answered DynamoDB call. */
const dynamoLatencyMs = 4;

/**
 * Serves the AWS calls the two functions make, in-process, with aws-sdk-client-mock: the users table (items
 * hold real scrypt hashes), the JWT secret, and CloudWatch/CloudWatch Logs Describe* answers built from the
 * stack model. Installed before the handler module loads so its module-scope clients are covered.
 */
export const installAwsFakes = (
  fixtures: AwsFixtures,
  passwordHashes: ReadonlyMap<string, string>,
  clock: VirtualClock,
): AwsFakes => {
  let faults = new Set<Fault>();
  let slowMs = 0;
  let startedAt = 0;
  let calls: DynamoCall[] = [];
  /** A slow dependency is slow once per invocation: its first call waits, the rest are warm. */
  let slowLeft = false;
  const waitIfSlow = (fault: Fault): number => {
    if (!faults.has(fault) || !slowLeft) return 0;
    slowLeft = false;
    clock.advance(slowMs);
    return slowMs;
  };
  const answered = (tableName: string, error?: { name: string; $metadata: { httpStatusCode?: number } }) => {
    const latencyMs = waitIfSlow('dynamodb-slow') || dynamoLatencyMs;
    calls.push({
      tableName,
      operation: 'GetItem',
      errorCode: error?.name,
      httpStatus: error?.$metadata.httpStatusCode,
      atMs: Date.now() - startedAt,
      latencyMs,
    });
    if (error) throw error;
  };

  mockClient(DynamoDBDocumentClient)
    .on(GetCommand)
    .callsFake(async (input: { TableName?: string; Key?: { email?: string } }) => {
      const tableName = input.TableName ?? '';
      if (faults.has('sdk-debug-output')) console.info('DynamoDBDocumentClient GetCommand input', input);
      if (faults.has('dynamodb-hangs')) return hang();
      if (faults.has('dynamodb-unavailable'))
        answered(
          tableName,
          new InternalServerError({ message: 'Internal server error', $metadata: { httpStatusCode: 500 } }),
        );
      if (faults.has('dynamodb-throttled'))
        answered(
          tableName,
          new ProvisionedThroughputExceededException({
            message: 'The level of configured provisioned throughput for the table was exceeded',
            $metadata: { httpStatusCode: 400 },
          }),
        );
      answered(tableName);
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
    waitIfSlow('logs-api-slow');
    if (faults.has('sdk-debug-output'))
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
    startInvocation: (plan, at) => {
      faults = new Set(plan.faults);
      slowMs = plan.slowMs ?? 0;
      slowLeft = true;
      startedAt = at;
      calls = [];
    },
    dynamoCalls: () => calls,
  };
};
