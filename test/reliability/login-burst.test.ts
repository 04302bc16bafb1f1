/**
 * The login handler under a burst of concurrent invocations in one process (as on Lambda Managed Instances),
 * against dynalite in memory and a local Secrets Manager stub: every response right, every attempt recorded once.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import dynalite from 'dynalite';
import { hashPassword } from '../../functions/login/password-hash';
import { type SecretsManagerStub, startSecretsManagerStub } from '../functions/support/secrets-manager-stub';
import { type CapturedOutput, captureOutput } from './support/captured-output';
import { httpApiEvent } from './support/http-api-event';
import { installInvokeStore } from './support/invoke-store';
import { lambdaContext } from './support/lambda-context';

const table = 'burst-users';
const secretArn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:burst-jwt';
const users = 6;
const burst = 60;
const fastScrypt = { N: 2 ** 14, r: 8, p: 1 } as const;

type Kind = 'success' | 'bad_password' | 'unknown_user' | 'invalid_input';
const kinds: readonly Kind[] = ['success', 'bad_password', 'unknown_user', 'invalid_input'];
const expectedStatus: Readonly<Record<Kind, number>> = {
  success: 200,
  bad_password: 401,
  unknown_user: 401,
  invalid_input: 400,
};

const emailOf = (u: number) => `burst.user${u}@example.com`;
const passwordOf = (u: number) => `pw-${u}-correct horse`;

const bodyFor = (kind: Kind, i: number): string => {
  const u = i % users;
  if (kind === 'success') return JSON.stringify({ email: emailOf(u), password: passwordOf(u) });
  if (kind === 'bad_password') return JSON.stringify({ email: emailOf(u), password: 'wrong' });
  if (kind === 'unknown_user') return JSON.stringify({ email: `nobody${i}@example.com`, password: 'x' });
  return JSON.stringify({ email: 'not-an-email', password: '' });
};

let dynamo: Server;
let secrets: SecretsManagerStub;
let out: CapturedOutput;
let runtime: ReturnType<typeof installInvokeStore>;
let handler: (event: APIGatewayProxyEventV2, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
const savedEnv = { ...process.env };

beforeAll(async () => {
  dynamo = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => dynamo.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`;
  secrets = await startSecretsManagerStub({
    [secretArn]: { value: 'a-burst-signing-key-of-at-least-32-bytes!' },
  });
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
    AWS_SECRET_ACCESS_KEY: 'local-secret',
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
    USERS_TABLE_NAME: table,
    JWT_SECRET_ARN: secretArn,
  });
  const admin = new DynamoDBClient({});
  await admin.send(
    new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'email', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  for (let u = 0; u < users; u++) {
    const hash = await hashPassword(passwordOf(u), fastScrypt);
    await admin.send(
      new PutItemCommand({
        TableName: table,
        Item: { email: { S: emailOf(u) }, password_hash: { S: hash } },
      }),
    );
  }
  admin.destroy();
  // imported after the environment is set: the handler builds its SDK clients at module scope
  ({ handler } = (await import('../../functions/login/index')) as unknown as { handler: typeof handler });
  runtime = installInvokeStore(burst);
  out = captureOutput();
});

afterAll(async () => {
  out?.stop();
  runtime?.uninstall();
  process.env = savedEnv;
  await secrets?.close();
  await new Promise<void>((resolve) => (dynamo ? dynamo.close(() => resolve()) : resolve()));
});

it(`${burst} concurrent logins against dynalite: every response correct, every attempt recorded exactly once`, async () => {
  const started = performance.now();
  const cases = Array.from({ length: burst }, (_, i) => ({
    i,
    kind: kinds[i % kinds.length] as Kind,
    cid: `burst-${i}`,
  }));

  const responses = await Promise.all(
    cases.map(({ i, kind, cid }) => {
      const event = httpApiEvent({
        path: '/login',
        routeKey: 'POST /login',
        body: bodyFor(kind, i),
        headers: { 'x-correlation-id': cid },
      });
      return runtime.store.run(`req-${i}`, `Root=1-00000000-${String(i).padStart(24, '0')}`, () =>
        handler(event, lambdaContext(`req-${i}`)),
      ) as Promise<APIGatewayProxyStructuredResultV2>;
    }),
  );

  const attempts = out.records().filter((record) => record.message === 'login_attempt');
  for (const { i, kind, cid } of cases) {
    const response = responses[i];
    expect({ cid, status: response?.statusCode }).toEqual({ cid, status: expectedStatus[kind] });
    expect(response?.headers?.['x-correlation-id']).toBe(cid);
    if (kind === 'success')
      expect(JSON.parse(String(response?.body)).access_token).toEqual(expect.any(String));
    const mine = attempts.filter((record) => record.correlation_id === cid);
    expect({ cid, count: mine.length }).toEqual({ cid, count: 1 });
    expect(mine[0]).toMatchObject({
      outcome: kind === 'success' ? 'success' : 'failure',
      function_request_id: `req-${i}`,
      ...(kind !== 'success' && { reason: kind }),
    });
  }
  expect(attempts).toHaveLength(burst);
  process.stdout.write(
    `login burst: ${burst} concurrent invocations, ${attempts.length} login_attempt records, ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  // 60 logins at production scrypt cost against dynalite: ~2 s alone, 10-20 s on a loaded 2-core machine
}, 90_000);
