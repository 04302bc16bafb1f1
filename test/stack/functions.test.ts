import { Match } from 'aws-cdk-lib/assertions';
import { functions } from '../../lib/functions';
import { onlyLogicalId, type SynthesizedStack, synthesize } from './synth';

let synth: SynthesizedStack;
beforeAll(() => {
  synth = synthesize();
});
afterAll(() => synth.cleanup());

const ref = (logicalId: string) => ({ Ref: logicalId });
const logicalIdOf = (construct: { node: { defaultChild?: unknown } }): string =>
  synth.stack.getLogicalId(construct.node.defaultChild as never);

/** The actions of every statement of a role's policies, as `action → resources` pairs. */
const statementsOfRole = (roleLogicalId: string) => {
  const policies = synth.template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [ref(roleLogicalId)] },
  });
  return Object.values(policies).flatMap(
    (policy) =>
      policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
  );
};
const actionsOfRole = (roleLogicalId: string): string[] =>
  statementsOfRole(roleLogicalId)
    .flatMap((statement) => [statement.Action].flat())
    .sort();

describe('functions', () => {
  it('gives every function its own log group with retention, JSON logs, levels, arm64, Node 24 and the layer', () => {
    const layerId = onlyLogicalId(synth.template, 'AWS::Lambda::LayerVersion');
    for (const fn of Object.values(synth.stack.functions)) {
      const groupId = logicalIdOf(fn.logGroup);
      synth.template.hasResourceProperties('AWS::Logs::LogGroup', Match.objectLike({ RetentionInDays: 30 }));
      expect(synth.template.toJSON().Resources[groupId].Properties.RetentionInDays).toBe(30);
      synth.template.hasResource('AWS::Lambda::Function', {
        Properties: Match.objectLike({
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
          Layers: [ref(layerId)],
          TracingConfig: { Mode: 'Active' },
          LoggingConfig: {
            LogFormat: 'JSON',
            ApplicationLogLevel: 'DEBUG',
            // START/REPORT (duration, memory, init, Lambda-enforced timeouts) reach the group
            SystemLogLevel: 'INFO',
            LogGroup: ref(groupId),
          },
        }),
      });
    }
    // one Lambda function per registry entry, nothing else (no custom-resource handlers)
    expect(Object.keys(synth.stack.functions)).toEqual(functions.map((definition) => definition.name));
    expect(Object.keys(synth.template.findResources('AWS::Lambda::Function'))).toHaveLength(functions.length);
  });

  it('sizes login so one scrypt fits the p99 alarm with margin: 1024 MB, about 0.58 vCPU', () => {
    const props = synth.template.toJSON().Resources[logicalIdOf(synth.stack.login.function)].Properties;
    expect(props.MemorySize).toBe(1024);
    // ~0.3 s of a full core (1769 MB) per hash: 0.3 * 1769 / 1024 = 0.52 s, about a third of the threshold
    const hashSeconds = (0.3 * 1769) / props.MemorySize;
    expect(hashSeconds * 1000 * 2.5).toBeLessThan(synth.stack.alarms.thresholds.p99LatencyMs);
  });

  it('uses no Custom::LogRetention and no managed policy', () => {
    synth.template.resourceCountIs('Custom::LogRetention', 0);
    for (const role of Object.values(synth.template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('masks emails and credentials at ingestion in the function log groups', () => {
    const group = synth.template.toJSON().Resources[logicalIdOf(synth.stack.login.logGroup)];
    const identifiers = JSON.stringify(group.Properties.DataProtectionPolicy);
    expect(identifiers).toContain('dataprotection::aws:data-identifier/EmailAddress');
    expect(identifiers).toContain('dataprotection::aws:data-identifier/AwsSecretKey');
  });

  it('wires the login contract: table, secret, TTL and issuer', () => {
    synth.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          USERS_TABLE_NAME: ref(logicalIdOf(synth.stack.backend.table)),
          JWT_SECRET_ARN: ref(logicalIdOf(synth.stack.backend.signingKey)),
          TOKEN_TTL_SECONDS: '3600',
          TOKEN_ISSUER: 'cream-logging',
        }),
      },
    });
  });

  it('generates a 64-character alphanumeric signing key and a PITR, on-demand users table keyed by email', () => {
    synth.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false },
    });
    synth.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      Replicas: [
        Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
      ],
    });
  });

  it('wires the health contract without a dependency cycle', () => {
    const env =
      synth.template.toJSON().Resources[logicalIdOf(synth.stack.health.function)].Properties.Environment
        .Variables;
    const login = ref(logicalIdOf(synth.stack.login.logGroup));
    // every function's group (registry order), then the access log
    const groups = [
      ...Object.values(synth.stack.functions).map((fn) => ref(logicalIdOf(fn.logGroup))),
      ref(logicalIdOf(synth.stack.http.accessLogGroup)),
    ];
    expect(env.LOG_GROUP_NAMES).toEqual({
      'Fn::Join': ['', groups.flatMap((group, i) => (i === 0 ? [group] : [',', group]))],
    });
    expect(env.FRESHNESS_LOG_GROUP).toEqual(login);
    expect(env.FRESHNESS_FUNCTION_NAME).toEqual(ref(logicalIdOf(synth.stack.login.function)));
    expect(env.FRESHNESS_THRESHOLD_MINUTES).toBe('60');
    // The dash: CreamLogging- never matches CreamLoggingStaging-...
    expect(env.ALARM_NAME_PREFIX).toBe('CreamLogging-');
    const expected = JSON.stringify(env.EXPECTED_METRIC_FILTERS);
    for (const name of ['cream-failed-logins', 'cream-health-probe', 'cream-error-events']) {
      expect(expected).toContain(name);
    }
  });

  it('gives the login role exactly what it calls', () => {
    const roleId = logicalIdOf(synth.stack.login.role);
    expect(actionsOfRole(roleId)).toEqual([
      'dynamodb:GetItem',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'secretsmanager:GetSecretValue',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    const statements = statementsOfRole(roleId);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: 'secretsmanager:GetSecretValue',
        Resource: ref(logicalIdOf(synth.stack.backend.signingKey)),
      }),
    );
  });

  it('gives the health role read-only calls, scoped to its groups where IAM can scope them', () => {
    const roleId = logicalIdOf(synth.stack.health.role);
    expect(actionsOfRole(roleId)).toEqual([
      'cloudwatch:DescribeAlarms',
      'cloudwatch:GetMetricStatistics',
      'logs:CreateLogStream',
      'logs:DescribeLogGroups',
      'logs:DescribeLogStreams',
      'logs:DescribeMetricFilters',
      'logs:PutLogEvents',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    // DescribeAlarms over composite alarms and GetMetricStatistics accept no resource but "*"
    const cloudWatch = statementsOfRole(roleId).filter((s) =>
      JSON.stringify(s.Action).includes('cloudwatch:'),
    );
    expect(cloudWatch.map((statement) => statement.Resource)).toEqual(['*']);
    const streams = statementsOfRole(roleId).find((s) => s.Action === 'logs:DescribeLogStreams');
    expect(JSON.stringify(streams?.Resource)).toContain(logicalIdOf(synth.stack.login.logGroup));
  });

  it('runs the health probe every 5 minutes by invoking the function directly', () => {
    const healthId = logicalIdOf(synth.stack.health.function);
    synth.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [healthId, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 0 },
        }),
      ],
    });
    synth.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [healthId, 'Arn'] },
    });
  });
});
