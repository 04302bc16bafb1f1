import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  CloudWatchLogsServiceException,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  DescribeMetricFiltersCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
// Types of the matchers jest registers in setupFilesAfterEnv.
import 'aws-sdk-client-mock-jest';
import { handler } from '../../../functions/health';
import { captureRecords } from '../support/captured-records';
import { healthEvent } from '../support/http-events';
import { lambdaContext } from '../support/lambda-context';

const logs = mockClient(CloudWatchLogsClient);
const cloudWatch = mockClient(CloudWatchClient);
const output = captureRecords();

const loginGroup = '/aws/lambda/cream-login';
const healthGroup = '/aws/lambda/cream-health';
const minute = 60_000;

const invoke = async (): Promise<{
  response: APIGatewayProxyStructuredResultV2;
  body: Record<string, unknown>;
}> => {
  const response = (await handler(
    healthEvent(),
    lambdaContext('cream-health'),
  )) as APIGatewayProxyStructuredResultV2;
  return { response, body: JSON.parse(response.body!) };
};

const awsError = (name: string, httpStatusCode: number): Error =>
  new CloudWatchLogsServiceException({
    name,
    $fault: 'client',
    message: `${name}: details`,
    $metadata: { httpStatusCode },
  });

/** A healthy account: both groups with retention, the login group's filters present, an event a minute ago. */
const givenHealthyAccount = (): void => {
  logs.on(DescribeLogGroupsCommand).callsFake(({ logGroupNamePrefix }) => ({
    logGroups: [
      { logGroupName: logGroupNamePrefix, retentionInDays: 30 },
      { logGroupName: `${logGroupNamePrefix}-other`, retentionInDays: 1 },
    ],
  }));
  logs
    .on(DescribeMetricFiltersCommand, { logGroupName: loginGroup })
    .resolves({ metricFilters: [{ filterName: 'LoginFailures' }, { filterName: 'ErrorRecords' }] });
  logs
    .on(DescribeLogStreamsCommand)
    .resolves({ logStreams: [{ logStreamName: 's', lastIngestionTime: Date.now() - minute }] });
  cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [], CompositeAlarms: [] });
};

beforeEach(() => {
  logs.reset();
  cloudWatch.reset();
  process.env.LOG_GROUP_NAMES = `${loginGroup},${healthGroup}`;
  process.env.EXPECTED_METRIC_FILTERS = JSON.stringify({ [loginGroup]: ['LoginFailures', 'ErrorRecords'] });
  process.env.FRESHNESS_LOG_GROUP = loginGroup;
  process.env.FRESHNESS_THRESHOLD_MINUTES = '60';
  process.env.ALARM_NAME_PREFIX = 'CreamLogging-';
  output.start();
});

afterEach(() => output.stop());

const healthRecord = () => output.named('system_event');

describe('GET /health/logs', () => {
  it('answers 200 healthy with every check passed, and writes one system_event', async () => {
    givenHealthyAccount();

    const { response, body } = await invoke();

    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'application/json',
      'cache-control': 'no-store',
    });
    expect(body).toEqual({
      status: 'healthy',
      component: 'logging',
      checks: [
        {
          name: 'log_group_exists',
          target: loginGroup,
          status: 'pass',
          severity: 'critical',
          detail: 'exists',
        },
        { name: 'retention', target: loginGroup, status: 'pass', severity: 'warning', detail: '30 days' },
        {
          name: 'metric_filters',
          target: loginGroup,
          status: 'pass',
          severity: 'warning',
          detail: '2 present',
        },
        {
          name: 'log_group_exists',
          target: healthGroup,
          status: 'pass',
          severity: 'critical',
          detail: 'exists',
        },
        { name: 'retention', target: healthGroup, status: 'pass', severity: 'warning', detail: '30 days' },
        {
          name: 'recent_events',
          target: loginGroup,
          status: 'pass',
          severity: 'warning',
          detail: expect.stringMatching(/^last event 1 min ago at .* \(threshold 60 min\)$/),
        },
        {
          name: 'alarms',
          target: 'CreamLogging-',
          status: 'pass',
          severity: 'warning',
          detail: 'none in ALARM',
        },
      ],
    });
    expect(healthRecord()).toEqual([
      expect.objectContaining({
        level: 'INFO',
        category: 'application',
        event: 'health_check',
        status: 'healthy',
        failed_checks: 0,
      }),
    ]);
  });

  it('makes exactly the documented calls', async () => {
    givenHealthyAccount();

    await invoke();

    expect(logs).toHaveReceivedCommandWith(DescribeLogGroupsCommand, { logGroupNamePrefix: loginGroup });
    expect(logs).toHaveReceivedCommandWith(DescribeMetricFiltersCommand, { logGroupName: loginGroup });
    expect(logs).toHaveReceivedCommandWith(DescribeLogStreamsCommand, {
      logGroupName: loginGroup,
      orderBy: 'LastEventTime',
      descending: true,
      limit: 1,
    });
    expect(cloudWatch).toHaveReceivedCommandWith(DescribeAlarmsCommand, {
      AlarmNamePrefix: 'CreamLogging-',
      StateValue: 'ALARM',
    });
  });

  it('answers 503 degraded when a group has no retention policy', async () => {
    givenHealthyAccount();
    logs
      .on(DescribeLogGroupsCommand, { logGroupNamePrefix: healthGroup })
      .resolves({ logGroups: [{ logGroupName: healthGroup }] });

    const { response, body } = await invoke();

    expect(response.statusCode).toBe(503);
    expect(body.status).toBe('degraded');
    expect(body.failed_checks).toEqual([
      {
        name: 'retention',
        target: healthGroup,
        status: 'fail',
        severity: 'warning',
        detail: 'no retention policy: logs are kept (and billed) forever',
      },
    ]);
    expect(healthRecord()).toEqual([
      expect.objectContaining({ level: 'WARN', status: 'degraded', failed_checks: 1 }),
    ]);
  });

  it('answers 503 degraded naming a missing metric filter', async () => {
    givenHealthyAccount();
    logs
      .on(DescribeMetricFiltersCommand, { logGroupName: loginGroup })
      .resolves({ metricFilters: [{ filterName: 'ErrorRecords' }] });

    const { response, body } = await invoke();

    expect(response.statusCode).toBe(503);
    expect(body).toMatchObject({
      status: 'degraded',
      failed_checks: [
        { name: 'metric_filters', target: loginGroup, status: 'fail', detail: 'missing: LoginFailures' },
      ],
    });
  });

  it('answers 503 degraded when the login group received nothing within the threshold', async () => {
    givenHealthyAccount();
    logs.on(DescribeLogStreamsCommand).resolves({
      logStreams: [
        { lastIngestionTime: Date.now() - 90 * minute, lastEventTimestamp: Date.now() - 95 * minute },
      ],
    });

    const { body } = await invoke();

    expect(body).toMatchObject({
      status: 'degraded',
      failed_checks: [
        {
          name: 'recent_events',
          target: loginGroup,
          status: 'fail',
          detail: expect.stringMatching(/^last event 90 min ago .*threshold 60 min/),
        },
      ],
    });
  });

  it('answers 503 degraded when the login group has never received an event', async () => {
    givenHealthyAccount();
    logs.on(DescribeLogStreamsCommand).resolves({ logStreams: [] });

    const { body } = await invoke();

    expect(body).toMatchObject({
      status: 'degraded',
      failed_checks: [{ name: 'recent_events', status: 'fail' }],
    });
  });

  it('reports alarms in ALARM by name', async () => {
    givenHealthyAccount();
    cloudWatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [{ AlarmName: 'CreamLogging-LoginFailures' }],
      CompositeAlarms: [{ AlarmName: 'CreamLogging-Errors' }],
    });

    const { body } = await invoke();

    expect(body).toMatchObject({
      status: 'degraded',
      failed_checks: [
        {
          name: 'alarms',
          detail: '2 in ALARM: CreamLogging-LoginFailures, CreamLogging-Errors',
          status: 'fail',
        },
      ],
    });
  });

  it('answers 503 unhealthy when a log group does not exist, and skips its dependent checks', async () => {
    givenHealthyAccount();
    logs
      .on(DescribeLogGroupsCommand, { logGroupNamePrefix: healthGroup })
      .resolves({ logGroups: [{ logGroupName: `${healthGroup}-v2`, retentionInDays: 7 }] });

    const { response, body } = await invoke();

    expect(response.statusCode).toBe(503);
    expect(body.status).toBe('unhealthy');
    expect(body.failed_checks).toEqual([
      {
        name: 'log_group_exists',
        target: healthGroup,
        status: 'fail',
        severity: 'critical',
        detail: 'log group does not exist',
      },
    ]);
    expect(healthRecord()).toEqual([expect.objectContaining({ level: 'ERROR', status: 'unhealthy' })]);
  });

  it('pages through DescribeLogGroups until the exact name appears', async () => {
    givenHealthyAccount();
    logs
      .on(DescribeLogGroupsCommand, { logGroupNamePrefix: healthGroup })
      .resolves({
        logGroups: [{ logGroupName: `${healthGroup}-a`, retentionInDays: 1 }],
        nextToken: 'page-2',
      })
      .on(DescribeLogGroupsCommand, { logGroupNamePrefix: healthGroup, nextToken: 'page-2' })
      .resolves({ logGroups: [{ logGroupName: healthGroup, retentionInDays: 14 }] });

    const { body } = await invoke();

    expect(body.status).toBe('healthy');
    expect(body.checks).toContainEqual(
      expect.objectContaining({ name: 'retention', target: healthGroup, detail: '14 days' }),
    );
  });

  it.each([
    ['throttled', 'ThrottlingException', 400],
    ['denied', 'AccessDeniedException', 400],
  ])(
    'turns an SDK call that is %s into a failed check with its code, never a stack trace',
    async (_label, code, status) => {
      givenHealthyAccount();
      logs.on(DescribeLogGroupsCommand, { logGroupNamePrefix: loginGroup }).rejects(awsError(code, status));
      logs.on(DescribeLogStreamsCommand).rejects(awsError(code, status));

      const { response, body } = await invoke();

      expect(response.statusCode).toBe(503);
      expect(body).toMatchObject({
        status: 'unhealthy',
        failed_checks: [
          {
            name: 'log_group_exists',
            target: loginGroup,
            status: 'fail',
            severity: 'critical',
            detail: `could not check: ${code}`,
            error_code: code,
          },
          { name: 'recent_events', target: loginGroup, status: 'fail', error_code: code },
        ],
      });
      expect(response.body).not.toMatch(/\bat .*\.(js|ts):\d+/);
      expect(response.body).not.toContain('details');
      expect(output.named('external_service_error')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ operation: 'DescribeLogGroups', error_code: code }),
        ]),
      );
      expect(healthRecord()).toEqual([
        expect.objectContaining({
          status: 'unhealthy',
          failed_checks: 2,
          checks: expect.arrayContaining([
            { name: 'log_group_exists', target: loginGroup, status: 'fail', error_code: code },
          ]),
        }),
      ]);
    },
  );

  it('degrades (not crashes) when DescribeAlarms fails', async () => {
    givenHealthyAccount();
    cloudWatch
      .on(DescribeAlarmsCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));

    const { body } = await invoke();

    expect(body).toMatchObject({
      status: 'degraded',
      failed_checks: [{ name: 'alarms', error_code: 'Throttling' }],
    });
  });

  it('answers 503 unhealthy with a configuration check when the settings are broken', async () => {
    givenHealthyAccount();
    process.env.EXPECTED_METRIC_FILTERS = '{not json';

    const { response, body } = await invoke();

    expect(response.statusCode).toBe(503);
    expect(body).toMatchObject({
      status: 'unhealthy',
      failed_checks: [
        { name: 'configuration', status: 'fail', detail: 'EXPECTED_METRIC_FILTERS is not valid JSON' },
      ],
    });
  });

  it('skips alarms when ALARM_NAME_PREFIX is not set', async () => {
    givenHealthyAccount();
    delete process.env.ALARM_NAME_PREFIX;

    const { body } = await invoke();

    expect(body.status).toBe('healthy');
    expect(cloudWatch).toHaveReceivedCommandTimes(DescribeAlarmsCommand, 0);
  });
});
