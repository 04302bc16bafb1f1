import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadStackModel } from '../../tools/cloud-assembly';
import { fixtureTemplate } from './fixture-template';

describe('loadStackModel on a hand-written template', () => {
  const model = loadStackModel(fixtureTemplate, { stackName: 'CreamTest', cdkOutDir: '/out' });

  it('resolves a function with its environment, layers, asset and log group', () => {
    const [login] = model.functions;
    expect(login).toMatchObject({
      logicalId: 'LoginFunction',
      functionName: 'LoginFunction',
      handler: 'index.handler',
      codeAssetPath: '/out/asset.login456',
      sourceEntry: 'functions/login/index.ts',
      runtime: 'nodejs24.x',
      architectures: ['arm64'],
      timeoutSeconds: 10,
      memoryMb: 512,
      logGroupName: '/aws/lambda/LoginFunction',
      layers: [{ logicalId: 'LoggingLayer', assetPath: '/out/asset.layer123' }],
    });
    expect(login.environment).toEqual({
      USERS_TABLE_NAME: 'CreamTest-UsersTable',
      JWT_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:CreamTest-JwtSecret',
      TOKEN_TTL_SECONDS: '3600',
      TOKEN_ISSUER: 'cream-CreamTest-us-east-1',
      TABLE_ARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/CreamTest-UsersTable',
      LOG_GROUPS: '/aws/lambda/LoginFunction,/cream/AccessLogGroup',
    });
  });

  it('follows a route to its integration and function', () => {
    expect(model.routes).toEqual([
      expect.objectContaining({
        routeKey: 'POST /login',
        method: 'POST',
        path: '/login',
        functionLogicalId: 'LoginFunction',
      }),
    ]);
  });

  it('names log groups locally and marks the function that owns one', () => {
    expect(model.logGroups).toEqual([
      {
        logicalId: 'LoginLogGroup',
        name: '/aws/lambda/LoginFunction',
        retentionDays: 30,
        functionLogicalId: 'LoginFunction',
      },
      {
        logicalId: 'AccessLogGroup',
        name: '/cream/AccessLogGroup',
        retentionDays: 7,
        functionLogicalId: undefined,
      },
    ]);
  });

  it('reads metric and subscription filters against resolved log group names', () => {
    expect(model.metricFilters[0]).toMatchObject({
      logGroupName: '/aws/lambda/LoginFunction',
      filterName: 'FailedLoginsFilter',
      metricTransformations: [
        {
          metricNamespace: 'CreamLogging',
          metricName: 'FailedLogins',
          metricValue: '1',
          defaultValue: 0,
          dimensions: {},
        },
      ],
    });
    expect(model.subscriptionFilters[0]).toMatchObject({
      filterPattern: '{ $.category = "security" }',
      destinationArn: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/x',
    });
  });

  it('reads alarms with statistics, extended statistics and defaults', () => {
    const [failed, latency] = model.alarms;
    expect(failed).toMatchObject({
      name: 'CreamTest-FailedLoginsAlarm',
      statistic: 'Sum',
      periodSeconds: 300,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: 'notBreaching',
      alarmActions: ['arn:aws:sns:us-east-1:000000000000:CreamTest-AlarmTopic'],
    });
    expect(latency).toMatchObject({
      statistic: 'p99',
      datapointsToAlarm: 2,
      treatMissingData: 'missing',
      dimensions: { service: 'login' },
    });
  });

  it('reads tables and secrets', () => {
    expect(model.tables[0]).toMatchObject({
      tableName: 'CreamTest-UsersTable',
      keySchema: [{ AttributeName: 'email', KeyType: 'HASH' }],
    });
    expect(model.secrets[0].arn).toContain(':secret:CreamTest-JwtSecret');
  });
});

describe('loadStackModel on a cdk.out directory', () => {
  it('finds the stack through manifest.json and resolves assets against the directory', () => {
    // Prepare
    const dir = mkdtempSync(path.join(tmpdir(), 'cdk-out-'));
    writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({
        artifacts: {
          CreamStack: {
            type: 'aws:cloudformation:stack',
            environment: 'aws://unknown-account/eu-west-1',
            properties: { templateFile: 'CreamStack.template.json' },
          },
          Tree: { type: 'cdk:tree' },
        },
      }),
    );
    writeFileSync(path.join(dir, 'CreamStack.template.json'), JSON.stringify(fixtureTemplate));
    // Act
    const model = loadStackModel(dir);
    rmSync(dir, { recursive: true, force: true });
    // Assess
    expect(model.stackName).toBe('CreamStack');
    expect(model.pseudo).toMatchObject({ region: 'eu-west-1', accountId: '000000000000' });
    expect(model.functions[0].codeAssetPath).toBe(path.join(dir, 'asset.login456'));
  });
});
