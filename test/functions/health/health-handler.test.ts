import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricStatisticsCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  CloudWatchLogsServiceException,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  DescribeMetricFiltersCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { APIGatewayProxyStructuredResultV2, ScheduledEvent } from 'aws-lambda';
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

/** What the stack's EventBridge rule delivers to the function: the scheduled probe. */
const probeEvent = (): ScheduledEvent => ({
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2026-11-26T16:45:00Z',
  region: 'eu-west-1',
  resources: ['arn:aws:events:eu-west-1:123456789012:rule/CreamLogging-HealthWiringProbe'],
  detail: {},
});

const invoke = async (
  event: unknown = healthEvent(),
): Promise<{
  response: APIGatewayProxyStructuredResultV2;
  body: Record<string, unknown>;
}> => {
  const response = (await handler(
    event as never,
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
  // the login function had traffic: a silent group is then suspicious
  cloudWatch.on(GetMetricStatisticsCommand).resolves({ Datapoints: [{ Sum: 3 }, { Sum: 4 }] });
};

beforeEach(() => {
  logs.reset();
  cloudWatch.reset();
  process.env.LOG_GROUP_NAMES = `${loginGroup},${healthGroup}`;
  process.env.EXPECTED_METRIC_FILTERS = JSON.stringify({ [loginGroup]: ['LoginFailures', 'ErrorRecords'] });
  process.env.FRESHNESS_LOG_GROUP = loginGroup;
  process.env.FRESHNESS_FUNCTION_NAME = 'cream-login';
  process.env.FRESHNESS_THRESHOLD_MINUTES = '60';
  process.env.ALARM_NAME_PREFIX = 'CreamLogging-';
  // every test sees fresh checks; the cache has its own tests
  process.env.HEALTH_CACHE_SECONDS = '0';
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
      checked_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
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
      ],
      alarms: { prefix: 'CreamLogging-', count: 0, in_alarm: [] },
    });
    expect(healthRecord()).toEqual([
      expect.objectContaining({
        level: 'INFO',
        category: 'application',
        event: 'health_check',
        trigger: 'request',
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

  it('answers 503 degraded when the login function had traffic but its group received nothing', async () => {
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
          detail: expect.stringMatching(
            /^last event 90 min ago .*, yet cream-login was invoked 7 times in 60 min$/,
          ),
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

  it('lists alarms in ALARM by name without failing: the health alarm must not feed on other alarms', async () => {
    givenHealthyAccount();
    cloudWatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [{ AlarmName: 'CreamLogging-LoginFailures' }],
      CompositeAlarms: [{ AlarmName: 'CreamLogging-Errors' }],
    });

    const { response, body } = await invoke();

    expect(response.statusCode).toBe(200);
    expect(body).toMatchObject({
      status: 'healthy',
      alarms: {
        prefix: 'CreamLogging-',
        count: 2,
        in_alarm: ['CreamLogging-LoginFailures', 'CreamLogging-Errors'],
      },
    });
    expect(body.failed_checks).toBeUndefined();
    expect(healthRecord()).toEqual([expect.objectContaining({ status: 'healthy', failed_checks: 0 })]);
  });

  it('passes a silent login group when the login function had no invocations (a quiet night)', async () => {
    givenHealthyAccount();
    logs.on(DescribeLogStreamsCommand).resolves({
      logStreams: [{ lastIngestionTime: Date.now() - 180 * minute }],
    });
    cloudWatch.on(GetMetricStatisticsCommand).resolves({ Datapoints: [] });

    const { response, body } = await invoke();

    expect(response.statusCode).toBe(200);
    expect(body.checks).toContainEqual(
      expect.objectContaining({
        name: 'recent_events',
        status: 'pass',
        detail: expect.stringMatching(/^last event 180 min ago .*; no invocations of cream-login in 60 min/),
      }),
    );
    const [request] = cloudWatch.commandCalls(GetMetricStatisticsCommand);
    expect(request.args[0].input).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Invocations',
      Dimensions: [{ Name: 'FunctionName', Value: 'cream-login' }],
      Period: 60,
      Statistics: ['Sum'],
    });
  });

  it('does not ask for invocations while the login group is fresh', async () => {
    givenHealthyAccount();

    await invoke();

    expect(cloudWatch).toHaveReceivedCommandTimes(GetMetricStatisticsCommand, 0);
  });

  it('writes the probe run as trigger "schedule", the record the health alarm counts', async () => {
    givenHealthyAccount();

    const { response } = await invoke(probeEvent());

    expect(response.statusCode).toBe(200);
    expect(healthRecord()).toEqual([
      expect.objectContaining({ trigger: 'schedule', status: 'healthy', failed_checks: 0 }),
    ]);
    expect(output.named('request_completed')).toEqual([
      expect.objectContaining({ event_source: 'aws.events' }),
    ]);
  });

  it('answers HTTP callers from a one-minute cache, but always runs the checks for the probe', async () => {
    givenHealthyAccount();
    process.env.HEALTH_CACHE_SECONDS = '60';
    const describes = () => logs.commandCalls(DescribeLogGroupsCommand).length;

    const first = await invoke();
    const perRound = describes();
    const cached = await invoke();
    const afterCached = describes();
    await invoke(probeEvent());

    expect(perRound).toBeGreaterThan(0);
    expect(afterCached).toBe(perRound);
    expect(cached.body).toEqual(first.body);
    expect(Date.parse(String(cached.body.checked_at))).toBeLessThanOrEqual(Date.now());
    expect(describes()).toBe(2 * perRound);
    // the cached answer ran no checks, so it wrote no health record
    expect(healthRecord().map((record) => record.trigger)).toEqual(['request', 'schedule']);
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

  it('stays healthy, naming the error code, when DescribeAlarms fails', async () => {
    givenHealthyAccount();
    cloudWatch
      .on(DescribeAlarmsCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));

    const { response, body } = await invoke();

    expect(response.statusCode).toBe(200);
    expect(body).toMatchObject({
      status: 'healthy',
      alarms: { count: 0, in_alarm: [], error_code: 'Throttling' },
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
