import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import {
  GetSecretValueCommand,
  InternalServiceError,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
// Types of the matchers jest registers in setupFilesAfterEnv.
import 'aws-sdk-client-mock-jest';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { handler } from '../../../functions/login';
import { hashPassword } from '../../../functions/login/password-hash';

// An unknown user is checked against the dummy hash at the production scrypt cost (N=2^14, p=5): ~0.3 s per
// attempt, several seconds for a test of four attempts on a loaded 2-core machine.
jest.setTimeout(30_000);

import { captureRecords } from '../support/captured-records';
import { formBody, type LoginRequest, loginEvent } from '../support/http-events';
import { lambdaContext } from '../support/lambda-context';

const dynamo = mockClient(DynamoDBDocumentClient);
const secrets = mockClient(SecretsManagerClient);
const output = captureRecords();

const table = 'users-test';
const email = 'alice@example.com';
const password = 'correct horse battery staple';
const signingKey = 'k'.repeat(48);
let storedHash = '';
let secretCounter = 0;
/** The signing key is cached per secret id for minutes; a fresh id per test keeps tests independent. */
let secretArn = '';

const invoke = async (request: LoginRequest): Promise<APIGatewayProxyStructuredResultV2> =>
  (await handler(loginEvent(request), lambdaContext())) as APIGatewayProxyStructuredResultV2;

const form = (fields: Record<string, string>): LoginRequest => ({ body: formBody(fields) });

const givenUser = (
  item: Record<string, unknown> | undefined = { email, password_hash: storedHash },
): void => {
  dynamo.on(GetCommand, { TableName: table, Key: { email } }).resolves({ Item: item });
};

/** Everything the function wrote or answered, for "never contains the secret" checks. */
const everything = (response: APIGatewayProxyStructuredResultV2): string =>
  JSON.stringify(response) + output.lines.join('\n');

beforeAll(async () => {
  storedHash = await hashPassword(password, { N: 1024, r: 8, p: 1 });
});

beforeEach(() => {
  dynamo.reset();
  secrets.reset();
  dynamo.on(GetCommand).resolves({});
  secretArn = `arn:aws:secretsmanager:eu-west-1:123456789012:secret:jwt-${++secretCounter}`;
  secrets.on(GetSecretValueCommand, { SecretId: secretArn }).resolves({ SecretString: signingKey });
  process.env.USERS_TABLE_NAME = table;
  process.env.JWT_SECRET_ARN = secretArn;
  delete process.env.TOKEN_TTL_SECONDS;
  delete process.env.TOKEN_ISSUER;
  output.start();
});

afterEach(() => output.stop());

describe('POST /login', () => {
  describe('with the right credentials', () => {
    it('answers 200 with a bearer token signed by the secret, for a form', async () => {
      givenUser();

      const response = await invoke(form({ grant_type: 'password', username: email, password }));

      expect(response.statusCode).toBe(200);
      expect(response.headers).toMatchObject({
        'content-type': 'application/json',
        'cache-control': 'no-store',
      });
      const body = JSON.parse(response.body!);
      expect(body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 3600 });
      const { payload } = await jwtVerify(body.access_token, new TextEncoder().encode(signingKey), {
        issuer: 'cream-logging',
        subject: email,
        algorithms: ['HS256'],
      });
      expect(decodeProtectedHeader(body.access_token)).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(payload.exp! - payload.iat!).toBe(3600);
      expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('writes login_attempt success and token_issued with the masked user, never the token or password', async () => {
      givenUser();

      const response = await invoke(form({ username: email, password }));

      const token = JSON.parse(response.body!).access_token as string;
      expect(output.named('login_attempt')).toEqual([
        expect.objectContaining({
          category: 'security',
          outcome: 'success',
          user: 'a***@example.com',
          source_ip: '15.248.3.126',
          user_agent: 'HTTPie/3.2.2',
        }),
      ]);
      expect(output.named('login_attempt')[0]).not.toHaveProperty('reason');
      expect(output.named('token_issued')).toEqual([
        expect.objectContaining({ user: 'a***@example.com', token_type: 'bearer', expires_in: 3600 }),
      ]);
      expect(output.named('request_completed')).toEqual([expect.objectContaining({ status_code: 200 })]);
      const written = output.lines.join('\n');
      expect(written).not.toContain(token);
      expect(written).not.toContain(token.split('.')[2]);
      expect(written).not.toContain(password);
      expect(written).not.toContain(email);
    });

    it('accepts JSON and looks the email up lower-cased, reading only the fields it needs', async () => {
      givenUser();

      const response = await invoke({
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ email: 'Alice@Example.com', password }),
      });

      expect(response.statusCode).toBe(200);
      expect(dynamo).toHaveReceivedCommandWith(GetCommand, {
        TableName: table,
        Key: { email },
        ProjectionExpression: 'email, password_hash',
      });
    });

    it('accepts a base64-encoded body', async () => {
      givenUser();

      const response = await invoke({
        isBase64Encoded: true,
        body: Buffer.from(formBody({ username: email, password })).toString('base64'),
      });

      expect(response.statusCode).toBe(200);
    });

    it('honours TOKEN_TTL_SECONDS and TOKEN_ISSUER', async () => {
      givenUser();
      process.env.TOKEN_TTL_SECONDS = '900';
      process.env.TOKEN_ISSUER = 'https://auth.example.com';

      const response = await invoke(form({ username: email, password }));

      const body = JSON.parse(response.body!);
      expect(body.expires_in).toBe(900);
      const { payload } = await jwtVerify(body.access_token, new TextEncoder().encode(signingKey));
      expect(payload).toMatchObject({ iss: 'https://auth.example.com', sub: email });
      expect(payload.exp! - payload.iat!).toBe(900);
    });

    it('reads the signing key from Secrets Manager once and reuses it', async () => {
      givenUser();

      await invoke(form({ username: email, password }));
      await invoke(form({ username: email, password }));

      expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
      expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: secretArn });
    });
  });

  it('keeps API Gateway’s request id on every request record when the caller sends its own correlation id', async () => {
    givenUser();
    const event = loginEvent({
      ...form({ username: email, password }),
      headers: { 'x-correlation-id': 'client-42' },
    });

    await handler(event, lambdaContext());

    const gatewayId = event.requestContext.requestId;
    const request = output.named('request_completed');
    expect(request).toEqual([
      expect.objectContaining({ correlation_id: 'client-42', api_request_id: gatewayId }),
    ]);
    expect(output.named('login_attempt')).toEqual([expect.objectContaining({ correlation_id: 'client-42' })]);
  });

  describe('with wrong credentials', () => {
    it('answers 401 and records bad_password for a wrong password', async () => {
      givenUser();

      const response = await invoke(form({ username: email, password: 'wrong password' }));

      expect(response.statusCode).toBe(401);
      expect(JSON.parse(response.body!)).toEqual({
        error: 'invalid_grant',
        error_description: 'invalid email or password',
      });
      expect(output.named('login_attempt')).toEqual([
        expect.objectContaining({ outcome: 'failure', reason: 'bad_password', user: 'a***@example.com' }),
      ]);
      expect(output.named('token_issued')).toEqual([]);
      // the secret keys user_hash; no token is signed with it
      expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
      expect(everything(response)).not.toContain('wrong password');
    });

    it('records a keyed user_hash: one per person, where masked emails of two people look alike', async () => {
      const attempt = async (username: string) => {
        await invoke(form({ username, password: 'wrong password' }));
        return output.named('login_attempt').at(-1)!;
      };

      const alice = await attempt('alice@example.com');
      const aliceAgain = await attempt('  Alice@Example.COM ');
      const anna = await attempt('anna@example.com');
      const typo = await attempt('not an email');

      expect(alice.user).toBe(anna.user);
      expect(alice.user_hash).toMatch(/^[0-9a-f]{16}$/);
      expect(aliceAgain.user_hash).toBe(alice.user_hash);
      expect(anna.user_hash).not.toBe(alice.user_hash);
      // not a bare hash anyone could recompute from a list of likely emails
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update('alice@example.com').digest('hex')).not.toContain(alice.user_hash);
      // a login name that is no email (a password typed into the wrong box) is hashed, never logged
      expect(typo).toMatchObject({
        reason: 'invalid_input',
        user_hash: expect.stringMatching(/^[0-9a-f]{16}$/),
      });
      expect(output.lines.join('\n')).not.toContain('not an email');
    });

    it('still answers 401 when the secret that keys user_hash cannot be read, without the hash', async () => {
      givenUser();
      secrets.reset();
      secrets
        .on(GetSecretValueCommand)
        .rejects(Object.assign(new Error('down'), { name: 'InternalServiceError' }));

      const response = await invoke(form({ username: email, password: 'wrong password' }));

      expect(response.statusCode).toBe(401);
      const [attempt] = output.named('login_attempt');
      expect(attempt).toMatchObject({ reason: 'bad_password' });
      expect(attempt).not.toHaveProperty('user_hash');
    });

    it('answers 401 and records unknown_user for an email without an account', async () => {
      const response = await invoke(form({ username: 'mallory@example.com', password }));

      expect(response.statusCode).toBe(401);
      expect(output.named('login_attempt')).toEqual([
        expect.objectContaining({ outcome: 'failure', reason: 'unknown_user', user: 'm***@example.com' }),
      ]);
      expect(everything(response)).not.toContain(password);
    });

    it('treats an item without a password hash like an unknown user', async () => {
      givenUser({ email });

      const response = await invoke(form({ username: email, password }));

      expect(response.statusCode).toBe(401);
      expect(output.named('login_attempt')).toEqual([expect.objectContaining({ reason: 'unknown_user' })]);
    });

    it('gives byte-identical answers for unknown user and wrong password, apart from the correlation id', async () => {
      givenUser();
      const strip = ({ headers, ...rest }: APIGatewayProxyStructuredResultV2) => {
        const { 'x-correlation-id': _id, ...kept } = headers ?? {};
        return JSON.stringify({ ...rest, headers: kept });
      };

      const wrongPassword = await invoke(form({ username: email, password: 'not it' }));
      const unknownUser = await invoke(form({ username: 'nobody@example.com', password: 'not it' }));

      expect(wrongPassword.statusCode).toBe(401);
      expect(strip(unknownUser)).toBe(strip(wrongPassword));
      expect(wrongPassword.headers).toMatchObject({
        'content-type': 'application/json',
        'cache-control': 'no-store',
        'www-authenticate': 'Bearer',
      });
    });
  });

  describe('with malformed input', () => {
    it.each([
      ['no body', { body: undefined }, 400, 'body', 'missing'],
      [
        'no content type',
        { contentType: null, body: formBody({ username: email, password }) },
        415,
        'content-type',
        'missing',
      ],
      [
        'an unsupported content type',
        { contentType: 'text/plain', body: `${email}:${password}` },
        415,
        'content-type',
        'unsupported',
      ],
      [
        'invalid JSON',
        { contentType: 'application/json', body: `{"email":"${email}","password":"${password}"` },
        400,
        'body',
        'invalid_json',
      ],
      ['a missing password', form({ username: email }), 400, 'password', 'missing'],
      ['a missing username', form({ password }), 400, 'username', 'missing'],
      [
        'a missing email in JSON',
        { contentType: 'application/json', body: JSON.stringify({ password }) },
        400,
        'email',
        'missing',
      ],
      [
        'a non-string password',
        { contentType: 'application/json', body: JSON.stringify({ email, password: [password] }) },
        400,
        'password',
        'not_a_string',
      ],
      [
        'a non-string email',
        { contentType: 'application/json', body: JSON.stringify({ email: 42, password }) },
        400,
        'email',
        'not_a_string',
      ],
      [
        'an unsupported grant type',
        form({ grant_type: 'client_credentials', username: email, password }),
        400,
        'grant_type',
        'unsupported',
      ],
      [
        'an oversized body',
        form({ username: email, password, padding: 'x'.repeat(9000) }),
        413,
        'body',
        'too_large',
      ],
    ])(
      'refuses %s, naming the field, without touching DynamoDB',
      async (_label, request: LoginRequest, status, field, problem) => {
        const response = await invoke(request);

        expect(response.statusCode).toBe(status);
        expect(response.headers).toMatchObject({
          'content-type': 'application/json',
          'cache-control': 'no-store',
        });
        const body = JSON.parse(response.body!);
        expect(body.error).toMatch(/^(invalid_request|unsupported_grant_type)$/);
        expect(body.error_description).toContain(field === 'body' ? 'body' : field);
        expect(output.named('validation_failed')).toEqual([
          expect.objectContaining({ category: 'error', field, problem }),
        ]);
        expect(output.named('login_attempt')).toEqual([
          expect.objectContaining({ outcome: 'failure', reason: 'invalid_input' }),
        ]);
        expect(dynamo).toHaveReceivedCommandTimes(GetCommand, 0);
        expect(everything(response)).not.toContain(password);
      },
    );

    it('never logs a login name that is not an email: it may be a mistyped password', async () => {
      const response = await invoke(form({ username: 'Tr0ub4dor&3', password: 'x' }));

      expect(response.statusCode).toBe(400);
      expect(output.named('login_attempt')[0]).not.toHaveProperty('user');
      expect(output.lines.join('\n')).not.toContain('Tr0ub4dor');
    });
  });

  describe('when a dependency fails', () => {
    it('answers 503 when DynamoDB throttles, records the error code, and writes no login outcome', async () => {
      dynamo.on(GetCommand).rejects(
        new ProvisionedThroughputExceededException({
          message: 'Rate exceeded',
          $metadata: { httpStatusCode: 400 },
        }),
      );

      const response = await invoke(form({ username: email, password }));

      expect(response.statusCode).toBe(503);
      expect(JSON.parse(response.body!)).toEqual({
        error: 'temporarily_unavailable',
        error_description: 'login is temporarily unavailable, retry shortly',
      });
      expect(response.headers).toMatchObject({ 'retry-after': '1', 'cache-control': 'no-store' });
      expect(output.named('database_error')).toEqual([
        expect.objectContaining({
          category: 'error',
          operation: 'Get',
          error_code: 'ProvisionedThroughputExceededException',
        }),
      ]);
      expect(output.named('login_attempt')).toEqual([]);
      expect(output.named('token_issued')).toEqual([]);
      expect(output.named('request_completed')).toEqual([expect.objectContaining({ status_code: 503 })]);
      expect(everything(response)).not.toContain(password);
    });

    it.each([
      [
        'an internal error',
        new InternalServiceError({ message: 'boom', $metadata: { httpStatusCode: 500 } }),
        'InternalServiceError',
      ],
      [
        'a missing secret',
        new ResourceNotFoundException({ message: 'no such secret', $metadata: { httpStatusCode: 400 } }),
        'ResourceNotFoundException',
      ],
      [
        'access denied',
        Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }),
        'AccessDeniedException',
      ],
    ])(
      'answers 503 when Secrets Manager fails with %s, and writes no success or token record',
      async (_label, error, code) => {
        givenUser();
        secrets.reset();
        secrets.on(GetSecretValueCommand).rejects(error);

        const response = await invoke(form({ username: email, password }));

        expect(response.statusCode).toBe(503);
        expect(output.named('external_service_error')).toEqual([
          expect.objectContaining({ operation: 'GetSecretValue', error_code: code }),
        ]);
        expect(output.named('login_attempt')).toEqual([]);
        expect(output.named('token_issued')).toEqual([]);
      },
    );

    it.each([
      ['too short for HS256', { SecretString: 'short' }, 'SigningKeyTooShort'],
      ['binary', { SecretBinary: new Uint8Array(64) }, 'SecretStringMissing'],
    ])('answers 503 when the signing key is %s, and says why in the record', async (_label, secret, code) => {
      givenUser();
      secrets.reset();
      secrets.on(GetSecretValueCommand).resolves(secret);

      const response = await invoke(form({ username: email, password }));

      expect(response.statusCode).toBe(503);
      expect(output.named('external_service_error')).toEqual([expect.objectContaining({ error_code: code })]);
      expect(output.lines.join('\n')).not.toContain('"short"');
    });
  });

  it('fails loudly (request_failed, 500 from Lambda) when USERS_TABLE_NAME is missing', async () => {
    delete process.env.USERS_TABLE_NAME;

    await expect(invoke(form({ username: email, password }))).rejects.toThrow('USERS_TABLE_NAME is not set');
    expect(output.named('request_failed')).toEqual([
      expect.objectContaining({ error: expect.objectContaining({ name: 'ConfigurationError' }) }),
    ]);
  });
});
