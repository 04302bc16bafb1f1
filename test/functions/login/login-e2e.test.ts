/**
 * End to end: the login function bundled as the stack bundles it, run in its own Node process against a real
 * DynamoDB emulator (dynalite, in memory) and a Secrets Manager stub, users created by tools/users-add.ts, and
 * the records read from the process's real stdout.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import dynalite from 'dynalite';
import { jwtVerify } from 'jose';
import { main as addUser } from '../../../tools/users-add';
import { type BundledFunction, bundleFunction } from '../support/bundled-function';
import { formBody, loginEvent } from '../support/http-events';
import { type SecretsManagerStub, startSecretsManagerStub } from '../support/secrets-manager-stub';

const table = 'cream-users';
const email = 'dana@example.com';
const password = 'e2e password with spaces & symbols!';
const signingKey = 'an-hs256-signing-key-of-at-least-32-bytes';
const goodSecret = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:jwt-good';
const deniedSecret = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:jwt-denied';
const credentials = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
  AWS_SECRET_ACCESS_KEY: 'local-secret',
};

let dynamo: Server;
let dynamoEndpoint = '';
let secrets: SecretsManagerStub;
let login: BundledFunction;

type Record = { [key: string]: unknown; message: string };
const parseLines = (stdout: string): Record[] =>
  stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record);

const functionEnv = (overrides: Readonly<{ [key: string]: string }> = {}) => ({
  ...credentials,
  AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
  AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
  AWS_LAMBDA_FUNCTION_NAME: 'cream-login',
  USERS_TABLE_NAME: table,
  JWT_SECRET_ARN: goodSecret,
  ...overrides,
});

/** users-add in-process, with the environment a developer would have; returns exit code and stderr. */
const runUsersAdd = async (args: string[]): Promise<{ code: number; stderr: string }> => {
  const saved = { ...process.env };
  Object.assign(process.env, credentials, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
    USERS_TABLE_NAME: table,
  });
  const written: string[] = [];
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return { code: await addUser(args), stderr: written.join('') };
  } finally {
    stderr.mockRestore();
    stdout.mockRestore();
    process.env = saved;
  }
};

// dynalite starting and tables turning ACTIVE, then logins at the production scrypt cost: seconds when loaded.
jest.setTimeout(60_000);

beforeAll(async () => {
  dynamo = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => dynamo.listen(0, '127.0.0.1', resolve));
  dynamoEndpoint = `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`;
  const admin = new DynamoDBClient({
    endpoint: dynamoEndpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  });
  await admin.send(
    new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'email', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  admin.destroy();
  secrets = await startSecretsManagerStub({
    [goodSecret]: { value: signingKey },
    [deniedSecret]: { error: 'AccessDeniedException' },
  });
  login = await bundleFunction('functions/login/index.ts');
});

afterAll(async () => {
  login?.dispose();
  await secrets?.close();
  await new Promise<void>((resolve) => (dynamo ? dynamo.close(() => resolve()) : resolve()));
});

describe('users-add against dynalite', () => {
  it('creates a user with a scrypt hash, refuses to overwrite it without --force, and never echoes the password', async () => {
    const created = await runUsersAdd(['--email', 'Dana@Example.com', '--password', password]);
    const again = await runUsersAdd(['--email', email, '--password', 'another password']);

    expect(created.code).toBe(0);
    expect(again).toEqual({
      code: 1,
      stderr: expect.stringContaining(`user ${email} already exists in ${table}; pass --force`),
    });
    expect(again.stderr).not.toContain('another password');
    const reader = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: dynamoEndpoint,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      }),
    );
    const { Item } = await reader.send(new GetCommand({ TableName: table, Key: { email } }));
    reader.destroy();
    expect(Item).toEqual({
      email,
      password_hash: expect.stringMatching(/^scrypt\$16384\$8\$5\$/),
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(JSON.stringify(Item)).not.toContain(password);
  });

  it('explains a missing table and bad arguments', async () => {
    const missing = await runUsersAdd([
      '--email',
      'x@example.com',
      '--password',
      'long enough',
      '--table',
      'nope',
    ]);
    const noEmail = await runUsersAdd(['--password', 'long enough']);

    expect(missing).toEqual({
      code: 1,
      stderr: expect.stringContaining(`table nope does not exist at ${dynamoEndpoint}`),
    });
    expect(noEmail).toEqual({ code: 2, stderr: expect.stringContaining('--email must be an email address') });
  });
});

describe('the bundled login function', () => {
  it('logs in, refuses bad credentials identically, and writes the records to stdout', async () => {
    const events = [
      loginEvent({ body: formBody({ grant_type: 'password', username: email, password }) }),
      loginEvent({ body: formBody({ username: email, password: 'wrong' }) }),
      loginEvent({ body: formBody({ username: 'ghost@example.com', password: 'wrong' }) }),
      loginEvent({
        contentType: 'application/json',
        isBase64Encoded: true,
        body: Buffer.from(JSON.stringify({ email: 'DANA@example.com', password })).toString('base64'),
      }),
      loginEvent({ contentType: 'application/json', body: '{"email":' }),
    ];

    const { results, stdout } = await login.invoke(events, functionEnv());

    const responses = results as APIGatewayProxyStructuredResultV2[];
    expect(responses.map((response) => response.statusCode)).toEqual([200, 401, 401, 200, 400]);
    const token = JSON.parse(responses[0].body!).access_token as string;
    const { payload } = await jwtVerify(token, new TextEncoder().encode(signingKey), {
      issuer: 'cream-logging',
    });
    expect(payload.sub).toBe(email);
    const withoutCorrelation = ({ headers, ...rest }: APIGatewayProxyStructuredResultV2) => {
      const { 'x-correlation-id': _id, ...kept } = headers ?? {};
      return JSON.stringify({ ...rest, headers: kept });
    };
    expect(withoutCorrelation(responses[2])).toBe(withoutCorrelation(responses[1]));

    const records = parseLines(stdout);
    const attempts = records.filter((record) => record.message === 'login_attempt');
    expect(attempts.map(({ outcome, reason }) => ({ outcome, reason }))).toEqual([
      { outcome: 'success', reason: undefined },
      { outcome: 'failure', reason: 'bad_password' },
      { outcome: 'failure', reason: 'unknown_user' },
      { outcome: 'success', reason: undefined },
      { outcome: 'failure', reason: 'invalid_input' },
    ]);
    expect(records.filter((record) => record.message === 'token_issued')).toHaveLength(2);
    expect(records.filter((record) => record.message === 'validation_failed')).toEqual([
      expect.objectContaining({ field: 'body', problem: 'invalid_json' }),
    ]);
    expect(records.filter((record) => record.message === 'request_completed')).toHaveLength(5);
    // The signing key is fetched once and cached across warm invocations.
    expect(secrets.requests.filter((id) => id === goodSecret)).toHaveLength(1);

    for (const secret of [password, token, token.split('.')[2], signingKey, email]) {
      expect(stdout).not.toContain(secret);
    }
    for (const response of responses.slice(1)) expect(response.body).not.toContain(password);
  });

  it('answers 503 and records the AWS error code when Secrets Manager or DynamoDB fail', async () => {
    const event = loginEvent({ body: formBody({ username: email, password }) });

    const denied = await login.invoke([event], functionEnv({ JWT_SECRET_ARN: deniedSecret }));
    const noTable = await login.invoke([event], functionEnv({ USERS_TABLE_NAME: 'missing-table' }));

    expect((denied.results[0] as APIGatewayProxyStructuredResultV2).statusCode).toBe(503);
    expect(parseLines(denied.stdout)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ message: 'external_service_error', error_code: 'AccessDeniedException' }),
      ]),
    );
    expect((noTable.results[0] as APIGatewayProxyStructuredResultV2).statusCode).toBe(503);
    expect(parseLines(noTable.stdout)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ message: 'database_error', error_code: 'ResourceNotFoundException' }),
      ]),
    );
    for (const { stdout } of [denied, noTable]) {
      const messages = parseLines(stdout).map((record) => record.message);
      expect(messages).not.toContain('login_attempt');
      expect(messages).not.toContain('token_issued');
      expect(stdout).not.toContain(password);
    }
  });
});
