import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AlarmModel } from '../../tools/cloud-assembly';
import { startAwsEndpoint } from '../../tools/local/aws-endpoint';
import { cloudWatchService } from '../../tools/local/cloudwatch-api';
import { localCredentials } from '../../tools/local/local-aws';
import { secretsService } from '../../tools/local/local-secrets';
import { LogStore } from '../../tools/local/log-store';
import { logsService } from '../../tools/local/logs-api';
import { MetricStore } from '../../tools/monitoring';

/**
 * The local endpoint answered through the real SDK clients the functions use, so a protocol mismatch (JSON
 * 1.0 vs 1.1, timestamps, error codes) fails here rather than inside a handler.
 */
const pseudo = { stackName: 'Local', region: 'us-east-1', accountId: '000000000000', partition: 'aws' };
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-endpoint-'));
const store = new LogStore(workDir);
const metrics = new MetricStore();
const minute = 60_000;
const invocation = (timestampMs: number) => ({
  namespace: 'AWS/Lambda',
  metricName: 'Invocations',
  dimensions: { FunctionName: 'Login' },
  timestampMs,
  value: 1,
});
const alarm: AlarmModel = {
  logicalId: 'BruteForce',
  name: 'Local-BruteForce',
  metricName: 'FailedLogins',
  namespace: 'CreamLogging',
  dimensions: {},
  statistic: 'Sum',
  periodSeconds: 300,
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  threshold: 10,
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  treatMissingData: 'notBreaching',
  alarmActions: [],
  okActions: [],
};
const secret = {
  logicalId: 'Key',
  name: 'Local-Key',
  arn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:Local-Key',
};

let endpoint: Awaited<ReturnType<typeof startAwsEndpoint>>;
const clientConfig = () => ({ endpoint: endpoint.url, region: pseudo.region, credentials: localCredentials });

beforeAll(async () => {
  endpoint = await startAwsEndpoint([
    secretsService([secret], new Map([['Local-Key', 'local-value']]), Date.UTC(2026, 0, 1)),
    logsService({
      pseudo,
      logGroups: [{ logicalId: 'Group', name: '/aws/lambda/Login', retentionDays: 30 }],
      metricFilters: [
        {
          logicalId: 'Filter',
          logGroupName: '/aws/lambda/Login',
          filterName: 'cream-failed-logins',
          filterPattern: '{ $.message = "login_attempt" }',
          metricTransformations: [
            { metricNamespace: 'CreamLogging', metricName: 'FailedLogins', metricValue: '1', dimensions: {} },
          ],
        },
      ],
      store,
      createdAt: Date.UTC(2026, 0, 1),
    }),
    cloudWatchService(
      pseudo,
      () => [
        { alarm, state: 'ALARM', reason: 'FailedLogins: 12 >= 10 in 5 min', updatedAt: Date.UTC(2026, 0, 2) },
        // another deployment whose stack name merely starts the same
        {
          alarm: { ...alarm, logicalId: 'Other', name: 'LocalStaging-BruteForce' },
          state: 'ALARM',
          reason: 'elsewhere',
          updatedAt: Date.UTC(2026, 0, 2),
        },
      ],
      metrics,
    ),
  ]);
});

afterAll(async () => {
  await endpoint.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('the local AWS endpoint', () => {
  it('serves Secrets Manager GetSecretValue by ARN, and ResourceNotFound otherwise', async () => {
    const client = new SecretsManagerClient(clientConfig());
    const found = await client.send(new GetSecretValueCommand({ SecretId: secret.arn }));
    expect(found).toMatchObject({
      Name: 'Local-Key',
      SecretString: 'local-value',
      CreatedDate: new Date(Date.UTC(2026, 0, 1)),
    });
    await expect(client.send(new GetSecretValueCommand({ SecretId: 'other' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('describes log groups with retention, their metric filters, and streams newest first', async () => {
    const client = new CloudWatchLogsClient(clientConfig());
    store.append('/aws/lambda/Login', 'older', '{"message":"a"}', 1000, 1000);
    store.append('/aws/lambda/Login', 'newer', '{"message":"b"}', 2000, 2000);

    const groups = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' }));
    const filters = await client.send(
      new DescribeMetricFiltersCommand({ logGroupName: '/aws/lambda/Login' }),
    );
    const streams = await client.send(
      new DescribeLogStreamsCommand({
        logGroupName: '/aws/lambda/Login',
        orderBy: 'LastEventTime',
        descending: true,
        limit: 1,
      }),
    );

    expect(groups.logGroups).toEqual([
      expect.objectContaining({
        logGroupName: '/aws/lambda/Login',
        retentionInDays: 30,
        metricFilterCount: 1,
      }),
    ]);
    expect(filters.metricFilters?.map((filter) => filter.filterName)).toEqual(['cream-failed-logins']);
    expect(streams.logStreams).toEqual([
      expect.objectContaining({ logStreamName: 'newer', lastIngestionTime: 2000 }),
    ]);
    await expect(client.send(new DescribeLogStreamsCommand({ logGroupName: '/nope' }))).rejects.toMatchObject(
      {
        name: 'ResourceNotFoundException',
      },
    );
  });

  it('answers CloudWatch DescribeAlarms in AWS JSON 1.0, filtered by prefix and state', async () => {
    const client = new CloudWatchClient(clientConfig());
    // the health function's prefix: the stack name with its dash, so LocalStaging's alarms stay out
    const firing = await client.send(
      new DescribeAlarmsCommand({ AlarmNamePrefix: 'Local-', StateValue: 'ALARM' }),
    );
    const ok = await client.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'Local-', StateValue: 'OK' }));

    expect(firing.MetricAlarms).toEqual([
      expect.objectContaining({
        AlarmName: 'Local-BruteForce',
        StateValue: 'ALARM',
        StateReason: 'FailedLogins: 12 >= 10 in 5 min',
        StateUpdatedTimestamp: new Date(Date.UTC(2026, 0, 2)),
        Threshold: 10,
      }),
    ]);
    expect(ok.MetricAlarms).toEqual([]);
  });

  it('answers GetMetricStatistics from the live metrics, one datapoint per period with samples', async () => {
    const start = Date.UTC(2026, 0, 3);
    for (const at of [start + 10_000, start + 20_000, start + 2 * minute + 5_000])
      metrics.put(invocation(at));
    const client = new CloudWatchClient(clientConfig());

    const output = await client.send(
      new GetMetricStatisticsCommand({
        Namespace: 'AWS/Lambda',
        MetricName: 'Invocations',
        Dimensions: [{ Name: 'FunctionName', Value: 'Login' }],
        StartTime: new Date(start),
        EndTime: new Date(start + 5 * minute),
        Period: 60,
        Statistics: ['Sum'],
      }),
    );

    expect(output.Datapoints).toEqual([
      expect.objectContaining({ Timestamp: new Date(start), Sum: 2 }),
      expect.objectContaining({ Timestamp: new Date(start + 2 * minute), Sum: 1 }),
    ]);
  });
});
