import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { FunctionModel } from '../../tools/cloud-assembly';
import { startDynamoDbObserver } from '../../tools/local/dynamodb-observer';
import { FunctionHost } from '../../tools/local/function-host';
import {
  functionEnvironment,
  functionNodePath,
  prepareRuntimeFiles,
} from '../../tools/local/function-runtime';
import { localCredentials } from '../../tools/local/local-aws';
import type { LogRecord } from '../../tools/local/log-records';
import { type DynamoDbCallFact, dynamoDbDatapoints, type MetricDatum } from '../../tools/monitoring';

/**
 * The local runtime's platform model: what Lambda writes and publishes about each invocation the host runs,
 * and what the table counts for each answer DynamoDB gives (inline handlers, a fake DynamoDB answer).
 */
const projectRoot = path.resolve(__dirname, '../..');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-platform-'));
const runtime = prepareRuntimeFiles(path.join(workDir, 'home'), projectRoot);

const inlineFunction = (name: string, source: string, systemLogLevel?: string): FunctionModel => {
  const codeAssetPath = path.join(workDir, name);
  fs.mkdirSync(codeAssetPath);
  fs.writeFileSync(path.join(codeAssetPath, 'index.js'), source);
  return {
    logicalId: name,
    functionName: name,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    handler: 'index.handler',
    codeAssetPath,
    architectures: ['arm64'],
    timeoutSeconds: 1,
    memoryMb: 256,
    environment: {},
    layers: [],
    logGroupName: `/aws/lambda/${name}`,
    logFormat: 'JSON',
    applicationLogLevel: 'INFO',
    systemLogLevel,
  };
};

const records: LogRecord[] = [];
const platform: MetricDatum[] = [];
const host = new FunctionHost(
  [
    inlineFunction('Fine', 'exports.handler = async () => ({ statusCode: 200 });', 'INFO'),
    inlineFunction('Throws', 'exports.handler = async () => { throw new Error("boom"); };', 'INFO'),
    inlineFunction('Quiet', 'exports.handler = async () => "ok";', 'WARN'),
  ],
  (fn) => ({
    functionName: fn.functionName,
    workerScript: runtime.workerScript,
    cwd: fn.codeAssetPath!,
    timeoutMs: fn.timeoutSeconds * 1000,
    env: functionEnvironment({
      fn,
      region: 'us-east-1',
      nodePath: functionNodePath(fn, [], runtime),
      endpoints: {},
    }),
  }),
  (record) => records.push(record),
  (data) => platform.push(...data),
);

afterAll(async () => {
  await host.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

const lambdaMetrics = (functionName: string) =>
  platform
    .filter((datum) => datum.namespace === 'AWS/Lambda' && datum.dimensions.FunctionName === functionName)
    .map((datum) => [datum.metricName, datum.metricName === 'Duration' ? 'ms' : datum.value]);
const typesOf = (functionName: string) =>
  records
    .filter((record) => record.functionName === functionName)
    .map((record) => record.record.type ?? record.record.message);

describe('Lambda in the local runtime', () => {
  it('writes START and REPORT around an invocation, with the cold start’s init duration, and counts it', async () => {
    await host.invoke('Fine', {});
    await host.invoke('Fine', {});

    expect(typesOf('Fine')).toEqual([
      'platform.start',
      'platform.report',
      'platform.start',
      'platform.report',
    ]);
    const reports = records.filter(
      (record) => record.functionName === 'Fine' && record.record.type === 'platform.report',
    );
    expect(reports[0].record.record).toMatchObject({
      status: 'success',
      metrics: { memorySizeMB: 256, durationMs: expect.any(Number), initDurationMs: expect.any(Number) },
    });
    expect((reports[1].record.record as { metrics: object }).metrics).not.toHaveProperty('initDurationMs');
    expect(lambdaMetrics('Fine')).toEqual([
      ['Invocations', 1],
      ['Errors', 0],
      ['Duration', 'ms'],
      ['Invocations', 1],
      ['Errors', 0],
      ['Duration', 'ms'],
    ]);
  });

  it('counts an invocation that throws as a Lambda error, next to the runtime’s own error record', async () => {
    await host.invoke('Throws', {});

    expect(lambdaMetrics('Throws')).toEqual([
      ['Invocations', 1],
      ['Errors', 1],
      ['Duration', 'ms'],
    ]);
    expect(typesOf('Throws')).toEqual(['platform.start', 'Invoke Error', 'platform.report']);
    expect(
      records.find((record) => record.record.type === 'platform.report' && record.functionName === 'Throws')
        ?.record.record,
    ).toMatchObject({
      status: 'error',
    });
  });

  it('writes no platform records below a system log level of INFO, and still publishes the metrics', async () => {
    await host.invoke('Quiet', {});

    expect(typesOf('Quiet')).toEqual([]);
    expect(lambdaMetrics('Quiet')).toHaveLength(3);
  });
});

describe('DynamoDB in the local runtime', () => {
  it('passes calls through and turns each answer into the table metrics DynamoDB would publish', async () => {
    // Prepare: an upstream that throttles one table and answers the other
    const upstream = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const throttled = body.includes('"Busy"');
        response.writeHead(throttled ? 400 : 200, { 'content-type': 'application/x-amz-json-1.0' }).end(
          throttled
            ? JSON.stringify({
                __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException',
                message: 'slow down',
              })
            : JSON.stringify({ Item: { email: { S: 'a@example.com' } } }),
        );
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', () => resolve()));
    const facts: DynamoDbCallFact[] = [];
    const observer = await startDynamoDbObserver(
      `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
      (fact) => facts.push(fact),
    );
    const client = new DynamoDBClient({
      endpoint: observer.url,
      region: 'us-east-1',
      credentials: localCredentials,
      maxAttempts: 1,
    });
    try {
      // Act
      const found = await client.send(
        new GetItemCommand({ TableName: 'Users', Key: { email: { S: 'a@example.com' } } }),
      );
      await expect(
        client.send(new GetItemCommand({ TableName: 'Busy', Key: { email: { S: 'a@example.com' } } })),
      ).rejects.toMatchObject({ name: 'ThrottlingException' });
      // Assess
      expect(found.Item).toEqual({ email: { S: 'a@example.com' } });
      expect(facts).toEqual([
        expect.objectContaining({
          tableName: 'Users',
          operation: 'GetItem',
          httpStatus: 200,
          errorCode: undefined,
        }),
        expect.objectContaining({
          tableName: 'Busy',
          operation: 'GetItem',
          httpStatus: 400,
          errorCode: 'ThrottlingException',
        }),
      ]);
      expect(
        facts.flatMap(dynamoDbDatapoints).map((datum) => [datum.dimensions.TableName, datum.metricName]),
      ).toEqual([
        ['Users', 'SuccessfulRequestLatency'],
        ['Busy', 'ThrottledRequests'],
      ]);
    } finally {
      client.destroy();
      await observer.close();
      await new Promise((resolve) => upstream.close(resolve));
    }
  });
});
