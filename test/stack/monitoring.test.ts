import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { extensionOf } from '../../lib/function-extensions';
import { functions } from '../../lib/functions';
import { onlyLogicalId, type SynthesizedStack, synthesize } from './synth';

let synth: SynthesizedStack;
beforeAll(() => {
  synth = synthesize();
});
afterAll(() => synth.cleanup());

const namespace = 'CreamLogging/CreamLogging';
const groupRef = (which: 'login' | 'health') => ({
  Ref: synth.stack.getLogicalId(synth.stack[which].logGroup.node.defaultChild as never),
});

/** Every filter: name → [pattern, metric, value, dimensions] (exact strings, written out by hand on purpose). */
const common = {
  'cream-error-events': ['{ $.level = "ERROR" }', 'ErrorEvents', '1', undefined],
  'cream-server-errors': [
    '{ ($.service = *) && ((($.message = "request_completed") && ($.status_code >= 500) && ($.event_source NOT EXISTS)) || ($.message = "request_failed") || ($.message = "request_timeout")) }',
    'ServerErrors',
    '1',
    [{ Key: 'service', Value: '$.service' }],
  ],
  'cream-timeouts': ['{ $.message = "request_timeout" }', 'Timeouts', '1', undefined],
  'cream-route-latency': [
    '{ ($.message = "request_completed") && ($.duration_ms = *) && ($.route = *) }',
    'RouteLatency',
    '$.duration_ms',
    [{ Key: 'route', Value: '$.route' }],
  ],
} as const;
const loginOnly = {
  'cream-failed-logins': [
    '{ ($.message = "login_attempt") && ($.outcome = "failure") && (($.reason = "bad_password") || ($.reason = "unknown_user")) }',
    'FailedLogins',
    '1',
    undefined,
  ],
  'cream-login-attempts': [
    '{ ($.message = "login_attempt") && ($.outcome = *) }',
    'LoginAttempts',
    '1',
    [{ Key: 'outcome', Value: '$.outcome' }],
  ],
  'cream-login-failures': [
    '{ ($.message = "login_attempt") && ($.outcome = "failure") && ($.reason = *) }',
    'LoginFailures',
    '1',
    [{ Key: 'reason', Value: '$.reason' }],
  ],
} as const;
const healthOnly = {
  'cream-health-probe': [
    '{ ($.message = "system_event") && ($.event = "health_check") && ($.trigger = "schedule") && ($.failed_checks = *) }',
    'HealthProbeFailedChecks',
    '$.failed_checks',
    undefined,
  ],
} as const;
/** Filters that publish nothing for non-matching records (missing data must stay visible). */
const withoutDefault = new Set(['cream-health-probe']);

describe('metric filters', () => {
  it.each([
    ['login', { ...common, ...loginOnly }],
    ['health', { ...common, ...healthOnly }],
  ] as const)('puts exactly the expected filters on the %s log group', (which, filters) => {
    const found = synth.template.findResources('AWS::Logs::MetricFilter', {
      Properties: { LogGroupName: groupRef(which) },
    });
    expect(
      Object.values(found)
        .map((f) => f.Properties.FilterName)
        .sort(),
    ).toEqual(Object.keys(filters).sort());
    for (const [name, [pattern, metric, value, dimensions]] of Object.entries(filters)) {
      synth.template.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: groupRef(which),
        FilterName: name,
        FilterPattern: pattern,
        MetricTransformations: [
          {
            MetricNamespace: namespace,
            MetricName: metric,
            MetricValue: value,
            Unit: metric === 'RouteLatency' ? 'Milliseconds' : 'Count',
            DefaultValue: dimensions || withoutDefault.has(name) ? Match.absent() : 0,
            Dimensions: dimensions ?? Match.absent(),
          },
        ],
      });
    }
  });

  it('creates exactly the filters the construct lists', () =>
    synth.template.resourceCountIs('AWS::Logs::MetricFilter', synth.stack.metricFilters.filters.length));
});

describe('alarms', () => {
  const topic = () => ({ Ref: onlyLogicalId(synth.template, 'AWS::SNS::Topic') });
  const filterAlarm = (metric: string, threshold: number, period: number, ok: boolean) => ({
    Namespace: namespace,
    MetricName: metric,
    Statistic: 'Sum',
    Period: period,
    Threshold: threshold,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    EvaluationPeriods: 1,
    TreatMissingData: 'notBreaching',
    AlarmActions: [topic()],
    OKActions: ok ? [topic()] : Match.absent(),
  });

  it('alarms on brute force: 10 or more failed logins in 5 minutes', () => {
    synth.template.hasResourceProperties(
      'AWS::CloudWatch::Alarm',
      filterAlarm('FailedLogins', 10, 300, true),
    );
  });

  it('alarms on 5 or more error records in 5 minutes', () => {
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', filterAlarm('ErrorEvents', 5, 300, true));
  });

  it('alarms on any timeout within a minute, without an OK notification', () => {
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', filterAlarm('Timeouts', 1, 60, false));
  });

  it('alarms when the scheduled probe finds a failed check or does not run (missing data breaches)', () => {
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...filterAlarm('HealthProbeFailedChecks', 1, 600, true),
      TreatMissingData: 'breaching',
    });
  });

  it('alarms on a 5xx rate of 5% or more of login requests (not the health probe), 2 of 3 periods', () => {
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 5,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      TreatMissingData: 'notBreaching',
      AlarmActions: [topic()],
      OKActions: [topic()],
      Metrics: Match.arrayWith([
        Match.objectLike({
          Expression: 'IF((FILL(r0, 0)) >= 20, 100 * (FILL(e0, 0)) / (FILL(r0, 0)), 0)',
        }),
        Match.objectLike({
          Id: 'e0',
          MetricStat: Match.objectLike({
            Metric: {
              Namespace: namespace,
              MetricName: 'ServerErrors',
              Dimensions: [{ Name: 'service', Value: 'login' }],
            },
            Stat: 'Sum',
          }),
        }),
        Match.objectLike({
          Id: 'r0',
          MetricStat: Match.objectLike({
            Metric: {
              Namespace: namespace,
              MetricName: 'RequestLatency',
              Dimensions: [{ Name: 'service', Value: 'login' }],
            },
            Stat: 'SampleCount',
          }),
        }),
      ]),
    });
  });

  it('gives every function with routes a 5xx rate alarm of its own, except health (its 503 is a verdict)', () => {
    const withRate = functions
      .map((definition) => definition.name)
      .filter((name) => !extensionOf(name).excludeFromServerErrorRate);
    expect(Object.keys(synth.stack.alarms.serverErrorRate)).toEqual(withRate);
    const rateAlarms = Object.values(synth.template.findResources('AWS::CloudWatch::Alarm')).filter((alarm) =>
      JSON.stringify(alarm.Properties.Metrics ?? []).includes('"ServerErrors"'),
    );
    // the API 5xx rate reads the health function's ServerErrors too (to take them out): not a rate of its own
    const ownRates = rateAlarms.filter(
      (alarm) => !JSON.stringify(alarm.Properties.Metrics).includes('AWS/ApiGateway'),
    );
    expect(
      ownRates
        .map((alarm) => alarm.Properties.Metrics.find((q: { Id: string }) => q.Id === 'e0'))
        .map(
          (q: { MetricStat: { Metric: { Dimensions: { Value: string }[] } } }) =>
            q.MetricStat.Metric.Dimensions[0].Value,
        )
        .sort(),
    ).toEqual([...withRate].sort());
  });

  it.each(functions.map((definition) => [definition.name, definition.alarms?.p99LatencyMs ?? 1500] as const))(
    'alarms on the %s p99 latency (EMF) above %d ms over 15 minutes, never on a handful of samples',
    (service, threshold) => {
      synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: namespace,
        MetricName: 'RequestLatency',
        Dimensions: [{ Name: 'service', Value: service }],
        ExtendedStatistic: 'p99',
        Period: 900,
        Threshold: threshold,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 1,
        EvaluateLowSampleCountPercentile: 'ignore',
        TreatMissingData: 'notBreaching',
        AlarmActions: [topic()],
        OKActions: [topic()],
      });
    },
  );

  it('creates exactly the alarms the constructs list, none with a physical name, all notifying the topic', () => {
    const alarms = Object.values(synth.template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(synth.stack.allAlarms.length);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmName).toBeUndefined();
      expect(alarm.Properties.AlarmActions).toEqual([topic()]);
    }
    synth.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('lets CloudWatch publish to the topic for this account and this stack alarms only', () => {
    synth.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'CloudWatchAlarmsOfThisStack',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: topic(),
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: {
                'aws:SourceArn': {
                  'Fn::Join': [
                    '',
                    [
                      'arn:',
                      { Ref: 'AWS::Partition' },
                      ':cloudwatch:',
                      { Ref: 'AWS::Region' },
                      ':',
                      { Ref: 'AWS::AccountId' },
                      ':alarm:CreamLogging-*',
                    ],
                  ],
                },
              },
            },
          },
        ]),
      },
    });
  });

  it('subscribes the alarmEmail context address when given, and warns at synth when there is none', () => {
    const withEmail = synthesize({
      context: { alarmEmail: 'oncall@example.com' },
      keepNoSubscriberWarning: true,
    });
    const withoutEmail = synthesize({ keepNoSubscriberWarning: true });
    try {
      withEmail.template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'oncall@example.com',
      });
      Annotations.fromStack(withEmail.stack).hasNoWarning('*', Match.anyValue());
      Annotations.fromStack(withoutEmail.stack).hasWarning(
        '/CreamLogging/AlarmTopic',
        Match.stringLikeRegexp('alarms change state but notify nobody'),
      );
    } finally {
      withEmail.cleanup();
      withoutEmail.cleanup();
    }
    synth.template.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});
