import { Readable } from 'node:stream';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { instrumentClient, setLogSink } from '@cream/logging';
import { mockClient } from 'aws-sdk-client-mock';
import { captureLines } from './helpers';

/** A request handler that answers every call locally: the real SDK middleware stack runs, no network. */
const localHandler = (statusCode: number, body: string, delayMs = 0) => ({
  handle: async () => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return {
      // shaped like @smithy/protocol-http's HttpResponse (checked by duck typing; the package is not hoisted)
      response: {
        statusCode,
        headers: { 'content-type': 'application/x-amz-json-1.0' },
        body: Readable.from([Buffer.from(body)]),
      },
    };
  },
});

const clientConfig = {
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
};
const sdkRecordKeys = (record: Record<string, unknown> | undefined) => ({
  message: record?.message,
  level: record?.level,
  aws_service: record?.aws_service,
  operation: record?.operation,
  outcome: record?.outcome,
  table: record?.table,
});

describe('instrumentClient with real clients', () => {
  afterEach(() => setLogSink(undefined));

  it('writes db_query at INFO for a call slower than slowMs', async () => {
    const out = captureLines();
    const client = instrumentClient(
      new DynamoDBClient({ ...clientConfig, requestHandler: localHandler(200, '{}', 30) }),
      {
        slowMs: 10,
      },
    );

    await client.send(new GetItemCommand({ TableName: 'users', Key: { pk: { S: 'a' } } }));

    expect(out.records()).toEqual([
      expect.objectContaining({
        message: 'db_query',
        level: 'INFO',
        category: 'performance',
        aws_service: 'DynamoDB',
        operation: 'GetItem',
        outcome: 'success',
        table: 'users',
        duration_ms: expect.any(Number),
      }),
    ]);
  });

  it('writes nothing at INFO level for a fast call (db_query is DEBUG)', async () => {
    const out = captureLines();
    // "fast" is relative to slowMs: a minute, so a loaded machine cannot make this call slow
    const client = instrumentClient(
      new DynamoDBClient({ ...clientConfig, requestHandler: localHandler(200, '{}') }),
      { slowMs: 60_000 },
    );

    await client.send(new GetItemCommand({ TableName: 'users', Key: { pk: { S: 'a' } } }));

    expect(out.lines).toEqual([]);
  });

  it('writes database_error with the SDK error name and HTTP status, then rethrows', async () => {
    const out = captureLines();
    const body =
      '{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"no table"}';
    const client = instrumentClient(
      new DynamoDBClient({ ...clientConfig, requestHandler: localHandler(400, body) }),
      { slowMs: 60_000 },
    );

    await expect(client.send(new GetItemCommand({ TableName: 'gone', Key: {} }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });

    expect(out.records()).toEqual([
      expect.objectContaining({
        message: 'database_error',
        level: 'ERROR',
        category: 'error',
        aws_service: 'DynamoDB',
        operation: 'GetItem',
        error_code: 'ResourceNotFoundException',
        http_status: 400,
        error: expect.objectContaining({ name: 'ResourceNotFoundException', message: 'no table' }),
      }),
    ]);
  });

  it('times calls of a DynamoDBDocumentClient built on an instrumented client, once each', async () => {
    const out = captureLines();
    const base = instrumentClient(
      new DynamoDBClient({ ...clientConfig, requestHandler: localHandler(200, '{}', 5) }),
      {
        slowMs: 0,
      },
    );
    const documents = instrumentClient(DynamoDBDocumentClient.from(base), { slowMs: 0 });

    await documents.send(new PutCommand({ TableName: 'users', Item: { pk: 'a' } }));

    expect(out.records().map(sdkRecordKeys)).toEqual([
      {
        message: 'db_query',
        level: 'INFO',
        aws_service: 'DynamoDB',
        operation: 'PutItem',
        outcome: 'success',
        table: 'users',
      },
    ]);
  });

  it('writes external_call for other services', async () => {
    const out = captureLines();
    const body = '{"Parameter":{"Name":"/x","Value":"v"}}';
    const client = instrumentClient(
      new SSMClient({ ...clientConfig, requestHandler: localHandler(200, body) }),
      {
        slowMs: 0,
      },
    );

    await client.send(new GetParameterCommand({ Name: '/x' }));

    expect(out.records().map(sdkRecordKeys)).toEqual([
      {
        message: 'external_call',
        level: 'INFO',
        aws_service: 'SSM',
        operation: 'GetParameter',
        outcome: 'success',
        table: undefined,
      },
    ]);
  });
});

describe('instrumentClient under aws-sdk-client-mock', () => {
  afterEach(() => setLogSink(undefined));

  it('still records calls when the document client class is mocked after instrumenting', async () => {
    const out = captureLines();
    const documents = instrumentClient(DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig)), {
      slowMs: 0,
    });
    const mock = mockClient(DynamoDBDocumentClient);
    mock.on(GetCommand).resolves({ Item: { pk: 'a' } });

    const result = await documents.send(new GetCommand({ TableName: 'users', Key: { pk: 'a' } }));
    mock.restore();

    expect(result).toEqual({ Item: { pk: 'a' } });
    expect(out.records().map(sdkRecordKeys)).toEqual([
      {
        message: 'db_query',
        level: 'INFO',
        aws_service: 'DynamoDB',
        operation: 'Get',
        outcome: 'success',
        table: 'users',
      },
    ]);
  });

  it('records a mocked failure as database_error and rethrows it', async () => {
    const out = captureLines();
    const client = new DynamoDBClient(clientConfig);
    const mock = mockClient(client);
    const failure = Object.assign(new Error('throttled'), {
      name: 'ProvisionedThroughputExceededException',
      $metadata: { httpStatusCode: 400 },
    });
    mock.on(GetItemCommand).rejects(failure);
    const instrumented = instrumentClient(client);

    await expect(instrumented.send(new GetItemCommand({ TableName: 'users', Key: {} }))).rejects.toThrow(
      'throttled',
    );
    mock.restore();

    expect(out.byMessage('database_error')).toEqual([
      expect.objectContaining({
        error_code: 'ProvisionedThroughputExceededException',
        http_status: 400,
        operation: 'GetItem',
      }),
    ]);
  });
});
