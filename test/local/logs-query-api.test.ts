import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CloudWatchLogsClient,
  DescribeQueryDefinitionsCommand,
  FilterLogEventsCommand,
  GetQueryResultsCommand,
  type GetQueryResultsCommandOutput,
  StartQueryCommand,
  StopQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { startAwsEndpoint } from '../../tools/local/aws-endpoint';
import { localCredentials } from '../../tools/local/local-aws';
import { LogStore } from '../../tools/local/log-store';
import { logsService } from '../../tools/local/logs-api';

/**
 * The search half of the local CloudWatch Logs endpoint, through the real SDK client a user points at it
 * (`--endpoint-url`): Logs Insights queries, saved query definitions and FilterLogEvents over the store.
 */
const pseudo = { stackName: 'Local', region: 'us-east-1', accountId: '000000000000', partition: 'aws' };
const login = '/aws/lambda/Login';
const access = '/cream/Access';
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-query-api-'));
const store = new LogStore(workDir);
const t0 = Date.UTC(2026, 10, 26, 12);

/** Queries wait here after turning Running, until the test lets them go. */
let release: () => void = () => undefined;
let held = false;
const gate = () => (held ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve());

let endpoint: Awaited<ReturnType<typeof startAwsEndpoint>>;
let client: CloudWatchLogsClient;

const attempt = (i: number, outcome: string, ip: string) =>
  JSON.stringify({
    timestamp: new Date(t0 + i * 1000).toISOString(),
    level: 'INFO',
    message: 'login_attempt',
    correlation_id: `c${i}`,
    outcome,
    source_ip: ip,
  });

beforeAll(async () => {
  for (let i = 0; i < 6; i++) {
    const line = attempt(i, i < 4 ? 'failure' : 'success', i < 4 ? '203.0.113.9' : '198.51.100.7');
    store.append(login, `2026/11/26/[$LATEST]${i % 2 ? 'odd' : 'even'}`, line, t0 + i * 1000, t0 + i * 1000);
  }
  store.append(
    access,
    'api',
    JSON.stringify({ requestId: 'c1', status: 401, requestTime: '26/Nov/2026:12:00:01 +0000' }),
    t0 + 1000,
    t0 + 1000,
  );
  endpoint = await startAwsEndpoint([
    logsService({
      pseudo,
      logGroups: [
        { logicalId: 'Login', name: login },
        { logicalId: 'Access', name: access },
      ],
      metricFilters: [],
      store,
      createdAt: t0,
      queryDefinitions: [
        {
          name: 'Cream/Failed logins',
          queryString: 'filter outcome = "failure" | stats count(*) by source_ip',
          logGroups: [login],
        },
        { name: 'Other/Everything', queryString: 'fields @message', logGroups: [login, access] },
      ],
      queryGate: gate,
    }),
  ]);
  client = new CloudWatchLogsClient({
    endpoint: endpoint.url,
    region: pseudo.region,
    credentials: localCredentials,
  });
});

afterAll(async () => {
  await endpoint.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

const seconds = (ms: number) => Math.floor(ms / 1000);
const range = { startTime: seconds(t0), endTime: seconds(t0 + 3_600_000) };

const waitForStatus = async (queryId: string, done: (status?: string) => boolean) => {
  let result: GetQueryResultsCommandOutput;
  do result = await client.send(new GetQueryResultsCommand({ queryId }));
  while (!done(result.status));
  return result;
};

describe('Logs Insights on the local endpoint', () => {
  it('runs a query asynchronously: Running, then Complete with statistics and the rows', async () => {
    held = true;
    const { queryId } = await client.send(
      new StartQueryCommand({
        ...range,
        logGroupNames: [login],
        queryString:
          'filter message = "login_attempt" and outcome = "failure" | stats count(*) as failures by source_ip',
      }),
    );
    const running = await waitForStatus(queryId!, (status) => status !== 'Scheduled');
    held = false;
    release();
    const complete = await waitForStatus(queryId!, (status) => status !== 'Running');

    expect(running).toMatchObject({ status: 'Running', results: [] });
    expect(complete.status).toBe('Complete');
    expect(complete.results).toEqual([
      [
        { field: 'source_ip', value: '203.0.113.9' },
        { field: 'failures', value: '4' },
      ],
    ]);
    expect(complete.statistics).toMatchObject({ recordsScanned: 6, recordsMatched: 4 });
    expect(complete.statistics?.bytesScanned).toBeGreaterThan(6 * 100);
  });

  it('reads several groups by name or ARN, with @log as the service shows it, within the range', async () => {
    const { queryId } = await client.send(
      new StartQueryCommand({
        startTime: seconds(t0 + 1000),
        endTime: seconds(t0 + 2000),
        logGroupIdentifiers: [`arn:aws:logs:us-east-1:000000000000:log-group:${login}:*`, access],
        queryString: 'fields @log, coalesce(correlation_id, requestId) as id | sort @timestamp asc',
        limit: 10,
      }),
    );
    const result = await waitForStatus(queryId!, (status) => status === 'Complete');

    expect(result.results?.map((row) => row.map((cell) => cell.value))).toEqual([
      [`000000000000:${login}`, 'c1'],
      [`000000000000:${access}`, 'c1'],
      [`000000000000:${login}`, 'c2'],
    ]);
  });

  it('stops a running query (Cancelled) and says so once', async () => {
    held = true;
    const { queryId } = await client.send(
      new StartQueryCommand({ ...range, logGroupName: login, queryString: 'fields @message' }),
    );
    await waitForStatus(queryId!, (status) => status === 'Running');
    const stopped = await client.send(new StopQueryCommand({ queryId }));
    const again = await client.send(new StopQueryCommand({ queryId }));
    held = false;
    release();

    expect(stopped.success).toBe(true);
    expect(again.success).toBe(false);
    expect((await client.send(new GetQueryResultsCommand({ queryId }))).status).toBe('Cancelled');
  });

  it('refuses what the service refuses, with its exceptions', async () => {
    const start = (input: Partial<ConstructorParameters<typeof StartQueryCommand>[0]>) =>
      client.send(
        new StartQueryCommand({ ...range, logGroupNames: [login], queryString: 'fields @message', ...input }),
      );

    await expect(start({ queryString: 'fields @message | sort' })).rejects.toMatchObject({
      name: 'MalformedQueryException',
      queryCompileError: {
        location: { startCharOffset: expect.any(Number), endCharOffset: expect.any(Number) },
        message: expect.any(String),
      },
    });
    await expect(start({ queryString: 'filter x = 1 | pattern @message' })).rejects.toMatchObject({
      name: 'MalformedQueryException',
      message: expect.stringMatching(/pattern/),
    });
    await expect(start({ logGroupNames: ['/aws/lambda/Nope'] })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: expect.stringContaining('/aws/lambda/Nope'),
    });
    await expect(start({ startTime: range.endTime, endTime: range.startTime })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(start({ logGroupName: login })).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(client.send(new GetQueryResultsCommand({ queryId: 'no-such-query' }))).rejects.toMatchObject(
      {
        name: 'ResourceNotFoundException',
      },
    );
  });

  it('describes the saved query definitions, by name prefix', async () => {
    const all = await client.send(new DescribeQueryDefinitionsCommand({}));
    const cream = await client.send(
      new DescribeQueryDefinitionsCommand({ queryDefinitionNamePrefix: 'Cream/' }),
    );

    expect(all.queryDefinitions?.map((definition) => definition.name)).toEqual([
      'Cream/Failed logins',
      'Other/Everything',
    ]);
    expect(cream.queryDefinitions).toEqual([
      expect.objectContaining({
        name: 'Cream/Failed logins',
        queryDefinitionId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-/),
        logGroupNames: [login],
        lastModified: t0,
      }),
    ]);
  });
});

describe('FilterLogEvents on the local endpoint', () => {
  it('returns the matching events oldest first, with their streams and ids, and pages with nextToken', async () => {
    const first = await client.send(
      new FilterLogEventsCommand({
        logGroupName: login,
        filterPattern: '{ $.outcome = "failure" }',
        limit: 3,
      }),
    );
    const second = await client.send(
      new FilterLogEventsCommand({
        logGroupName: login,
        filterPattern: '{ $.outcome = "failure" }',
        limit: 3,
        nextToken: first.nextToken,
      }),
    );

    expect(first.events?.map((event) => JSON.parse(event.message!).correlation_id)).toEqual([
      'c0',
      'c1',
      'c2',
    ]);
    expect(first.events?.[1]).toEqual({
      logStreamName: '2026/11/26/[$LATEST]odd',
      timestamp: t0 + 1000,
      ingestionTime: t0 + 1000,
      message: attempt(1, 'failure', '203.0.113.9'),
      eventId: expect.stringMatching(/^\d+$/),
    });
    expect(first.nextToken).toEqual(expect.any(String));
    expect(second.events?.map((event) => JSON.parse(event.message!).correlation_id)).toEqual(['c3']);
    expect(second.nextToken).toBeUndefined();
    expect(first.searchedLogStreams?.map((stream) => stream.logStreamName).sort()).toEqual([
      '2026/11/26/[$LATEST]even',
      '2026/11/26/[$LATEST]odd',
    ]);
  });

  it('narrows by time (both ends inclusive) and by stream names', async () => {
    const result = await client.send(
      new FilterLogEventsCommand({
        logGroupIdentifier: `arn:aws:logs:us-east-1:000000000000:log-group:${login}`,
        startTime: t0 + 1000,
        endTime: t0 + 4000,
        logStreamNames: ['2026/11/26/[$LATEST]even'],
      }),
    );
    expect(result.events?.map((event) => event.timestamp)).toEqual([t0 + 2000, t0 + 4000]);
  });

  it('refuses an invalid filter pattern, exclusive options and unknown groups', async () => {
    await expect(
      client.send(new FilterLogEventsCommand({ logGroupName: login, filterPattern: '{ $.x = ' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/filter pattern/i),
    });
    await expect(
      client.send(
        new FilterLogEventsCommand({ logGroupName: login, logStreamNames: ['a'], logStreamNamePrefix: 'a' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(client.send(new FilterLogEventsCommand({ logGroupName: '/nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
