// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings are CloudFormation's, not JS templates.
import type { CfnTemplate } from '../../tools/cloud-assembly';

/** A hand-written template in the shape CDK synthesizes: one function, its log group, an HTTP route, alarms. */
export const fixtureTemplate: CfnTemplate = {
  Parameters: {
    BootstrapVersion: {
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: '/cdk-bootstrap/hnb659fds/version',
    },
  },
  Resources: {
    LoggingLayer: {
      Type: 'AWS::Lambda::LayerVersion',
      Properties: { Content: { S3Bucket: 'x', S3Key: 'y.zip' } },
      Metadata: { 'aws:asset:path': 'asset.layer123', 'aws:asset:property': 'Content' },
    },
    UsersTable: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'email', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      },
    },
    JwtSecret: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: {} } },
    LoginLogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } },
    AccessLogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 7 } },
    LoginFunction: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Handler: 'index.handler',
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Timeout: 10,
        MemorySize: 512,
        Layers: [{ Ref: 'LoggingLayer' }],
        LoggingConfig: { LogGroup: { Ref: 'LoginLogGroup' }, LogFormat: 'JSON', ApplicationLogLevel: 'INFO' },
        Environment: {
          Variables: {
            USERS_TABLE_NAME: { Ref: 'UsersTable' },
            JWT_SECRET_ARN: { Ref: 'JwtSecret' },
            TOKEN_TTL_SECONDS: '3600',
            TOKEN_ISSUER: { 'Fn::Sub': 'cream-${AWS::StackName}-${AWS::Region}' },
            TABLE_ARN: { 'Fn::GetAtt': ['UsersTable', 'Arn'] },
            LOG_GROUPS: { 'Fn::Join': [',', [{ Ref: 'LoginLogGroup' }, { Ref: 'AccessLogGroup' }]] },
          },
        },
      },
      Metadata: {
        'aws:asset:path': 'asset.login456',
        'aws:asset:is-bundled': true,
        'cream:entry': 'functions/login/index.ts',
      },
    },
    HttpApi: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'api', ProtocolType: 'HTTP' } },
    LoginIntegration: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: {
        ApiId: { Ref: 'HttpApi' },
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: { 'Fn::GetAtt': ['LoginFunction', 'Arn'] },
        PayloadFormatVersion: '2.0',
      },
    },
    LoginRoute: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        ApiId: { Ref: 'HttpApi' },
        RouteKey: 'POST /login',
        Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'LoginIntegration' }]] },
      },
    },
    FailedLoginsFilter: {
      Type: 'AWS::Logs::MetricFilter',
      Properties: {
        LogGroupName: { Ref: 'LoginLogGroup' },
        FilterPattern: '{ $.message = "login_attempt" && $.outcome = "failure" }',
        MetricTransformations: [
          { MetricNamespace: 'CreamLogging', MetricName: 'FailedLogins', MetricValue: '1', DefaultValue: 0 },
        ],
      },
    },
    SecurityArchive: {
      Type: 'AWS::Logs::SubscriptionFilter',
      Properties: {
        LogGroupName: { Ref: 'LoginLogGroup' },
        FilterPattern: '{ $.category = "security" }',
        DestinationArn: {
          'Fn::Sub': 'arn:${AWS::Partition}:firehose:${AWS::Region}:${AWS::AccountId}:deliverystream/x',
        },
      },
    },
    AlarmTopic: { Type: 'AWS::SNS::Topic' },
    FailedLoginsAlarm: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        Namespace: 'CreamLogging',
        MetricName: 'FailedLogins',
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 10,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: 'AlarmTopic' }],
      },
    },
    LatencyAlarm: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        Namespace: 'CreamLogging',
        MetricName: 'RequestLatency',
        Dimensions: [{ Name: 'service', Value: 'login' }],
        ExtendedStatistic: 'p99',
        Period: 60,
        EvaluationPeriods: 3,
        DatapointsToAlarm: 2,
        Threshold: 1000,
        ComparisonOperator: 'GreaterThanThreshold',
      },
    },
  },
};
