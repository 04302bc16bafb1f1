import { Readable } from 'node:stream';
import {
  CloudFormationClient,
  DescribeStacksCommand,
  ListStackResourcesCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  MalformedQueryException,
  StartLiveTailCommand,
  type StartLiveTailResponseStream,
  StartQueryCommand,
  StopQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import type { CommandIo } from '../../tools/logs/command';
import { runQueryCommand } from '../../tools/logs/query-command';
import { runTailCommand } from '../../tools/logs/tail-command';
import { sharedSynthTimeoutMs } from '../support/shared-synth';
import { createWorkspace, layerRecord, type Workspace } from './helpers';

/**
 * `--aws`: the same commands on the deployed stack, against mocked AWS clients. The deployed names are
 * CloudFormation's (ListStackResources), not the local ones, and StartQuery takes seconds.
 */
const logs = mockClient(CloudWatchLogsClient);
const cloudFormation = mockClient(CloudFormationClient);
let ws: Workspace;
const now = Date.UTC(2026, 10, 26, 12);
const deployed = (logicalId: string) => `CreamLogging-${logicalId}-Xy12`;
const statistics = { recordsScanned: 1200, recordsMatched: 4, bytesScanned: 480_000 };

beforeAll(async () => {
  ws = await createWorkspace();
  // waits for the run's shared synthesis (test/support/shared-synth.ts)
}, sharedSynthTimeoutMs);
afterAll(() => ws.cleanup());

beforeEach(() => {
  logs.reset();
  cloudFormation.reset();
  cloudFormation.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'CreamLogging',
        StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/CreamLogging/0f1e',
        CreationTime: new Date(now),
        StackStatus: 'CREATE_COMPLETE',
      },
    ],
  });
  cloudFormation.on(ListStackResourcesCommand).resolves({
    StackResourceSummaries: ws.model.logGroups.map((group) => ({
      LogicalResourceId: group.logicalId,
      PhysicalResourceId: deployed(group.logicalId),
      ResourceType: 'AWS::Logs::LogGroup',
      LastUpdatedTimestamp: new Date(now),
      ResourceStatus: 'CREATE_COMPLETE',
    })),
  });
});

const capture = () => {
  const out = { stdout: '', stderr: '' };
  const io: CommandIo = {
    stdin: Readable.from([]),
    stdout: (text) => {
      out.stdout += text;
    },
    stderr: (text) => {
      out.stderr += text;
    },
  };
  return { out, io };
};

const loginGroup = () => ws.model.logGroups.find((group) => group.name === ws.groups.login)!;

const queryOnAws = (args: string[], signal?: AbortSignal, sleep = async (): Promise<void> => undefined) => {
  const { out, io } = capture();
  const status = runQueryCommand(['query', ...args, '--aws', '--cdk-out', ws.cdkOut].slice(1), io, {
    now: () => now,
    signal,
    sleep,
  });
  return status.then((code) => ({ status: code, ...out }));
};

describe('logs query --aws', () => {
  it('starts the query on the deployed groups, polls Scheduled, Running, Complete and prints the rows', async () => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-1' });
    logs
      .on(GetQueryResultsCommand)
      .resolvesOnce({ status: 'Scheduled' })
      .resolvesOnce({ status: 'Running', statistics: { ...statistics, recordsScanned: 600 } })
      .resolvesOnce({
        status: 'Complete',
        statistics,
        results: [
          [
            { field: 'source_ip', value: '203.0.113.66' },
            { field: 'failures', value: '4' },
            { field: '@ptr', value: 'CmAKJgoi...' },
          ],
        ],
      });

    const result = await queryOnAws([
      '--saved',
      'Failed logins by source IP',
      '--since',
      '2h',
      '--format',
      'json',
    ]);

    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([{ source_ip: '203.0.113.66', failures: '4' }]);
    expect(logs).toHaveReceivedCommandWith(StartQueryCommand, {
      logGroupNames: [deployed(loginGroup().logicalId)],
      startTime: (now - 7_200_000) / 1000,
      endTime: now / 1000,
      queryString: expect.stringContaining('stats count(*) as failures'),
    });
    expect(result.stderr).toContain('Scheduled: 0 records scanned');
    expect(result.stderr).toContain('Running: 600 records scanned (0.48 MB), 4 matched');
    expect(result.stderr).toMatch(/^1 row; 4 of 1200 records matched, 0\.48 MB scanned/m);
  });

  it('takes --group by any local name, or as a real log group name', async () => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-2' });
    logs.on(GetQueryResultsCommand).resolves({ status: 'Complete', results: [] });

    const result = await queryOnAws(['fields @message', '--group', 'login', '--group', '/custom/real-name']);

    expect(result.status).toBe(0);
    expect(logs).toHaveReceivedCommandWith(StartQueryCommand, {
      logGroupNames: [deployed(loginGroup().logicalId), '/custom/real-name'],
    });
  });

  it.each([['Failed'], ['Timeout'], ['Cancelled']])('exits 1 when the query ends %s', async (status) => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-3' });
    logs.on(GetQueryResultsCommand).resolves({ status: status as 'Failed' });

    const result = await queryOnAws(['fields @message']);

    expect(result).toMatchObject({
      status: 1,
      stdout: '',
      stderr: expect.stringContaining(`ended ${status}`),
    });
  });

  it("reports the service's MalformedQueryException with its position", async () => {
    logs.on(StartQueryCommand).rejects(
      new MalformedQueryException({
        $metadata: {},
        message: 'unexpected symbol found foo at line 1 and position 19',
        queryCompileError: { location: { startCharOffset: 18, endCharOffset: 21 }, message: 'x' },
      }),
    );

    const result = await queryOnAws(['fields @message | foo']);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'An error occurred (MalformedQueryException) when calling the StartQuery operation',
    );
    expect(result.stderr).toContain(
      '  at line 1, column 19:\n    fields @message | foo\n                      ^^^\n',
    );
  });

  it('stops the query on the service when interrupted, and exits 130', async () => {
    const controller = new AbortController();
    logs.on(StartQueryCommand).resolves({ queryId: 'q-4' });
    logs.on(GetQueryResultsCommand).resolves({ status: 'Running', statistics });
    logs.on(StopQueryCommand).resolves({ success: true });

    const result = await queryOnAws(['fields @message'], controller.signal, async () => controller.abort());

    expect(result.status).toBe(130);
    expect(logs).toHaveReceivedCommandWith(StopQueryCommand, { queryId: 'q-4' });
  });
});

describe('logs tail --aws', () => {
  const arnOf = (logicalId: string) => `arn:aws:logs:eu-west-1:123456789012:log-group:${deployed(logicalId)}`;

  it('follows the deployed groups with StartLiveTail and prints each event as the console does', async () => {
    const record = layerRecord(now, {
      message: 'login_attempt',
      category: 'security',
      outcome: 'failure',
      correlation_id: 'c-1',
    });
    async function* stream(): AsyncGenerator<StartLiveTailResponseStream> {
      yield { sessionStart: { sessionId: 's-1', logGroupIdentifiers: [arnOf(loginGroup().logicalId)] } };
      yield {
        sessionUpdate: {
          sessionMetadata: { sampled: true },
          sessionResults: [
            {
              logGroupIdentifier: arnOf(loginGroup().logicalId),
              logStreamName: 'x',
              message: record,
              timestamp: now,
            },
          ],
        },
      };
    }
    logs.on(StartLiveTailCommand).resolves({ responseStream: stream() });
    const { out, io } = capture();

    const status = await runTailCommand(
      ['--aws', '--group', 'login', '--filter-pattern', '{ $.outcome = "failure" }', '--cdk-out', ws.cdkOut],
      io,
      { signal: new AbortController().signal },
    );

    expect(status).toBe(0);
    expect(logs).toHaveReceivedCommandWith(StartLiveTailCommand, {
      logGroupIdentifiers: [arnOf(loginGroup().logicalId)],
      logEventFilterPattern: '{ $.outcome = "failure" }',
    });
    expect(out.stdout).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}security {4}login login_attempt .*outcome=failure .*cid=c-1\n$/,
    );
    expect(out.stderr).toContain('Live Tail sends a sample');
    expect(out.stderr).toContain('session ended');
  });

  it('ends the session when stopped', async () => {
    const controller = new AbortController();
    async function* stream(): AsyncGenerator<StartLiveTailResponseStream> {
      yield { sessionStart: { sessionId: 's-2' } };
      controller.abort();
      await new Promise(() => undefined); // The service would keep the stream open.
    }
    logs.on(StartLiveTailCommand).resolves({ responseStream: stream() });
    const { out, io } = capture();

    const status = await Promise.race([
      runTailCommand(['--aws', '--cdk-out', ws.cdkOut], io, { signal: controller.signal }),
      new Promise((resolve) =>
        controller.signal.addEventListener('abort', () => setImmediate(() => resolve('hung'))),
      ),
    ]);

    expect(status).toBe(0);
    expect(out.stderr).not.toContain('session ended');
  });
});
