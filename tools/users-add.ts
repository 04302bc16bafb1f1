/**
 * Creates (or with --force replaces) a login user in the users table, on AWS or in the running `npm start`.
 *
 *   printf '%s' "$PASSWORD" | npm run users:add -- --local --email E --password-stdin
 *   npm run users:add -- --email E --password-stdin --table T      (AWS, or AWS_ENDPOINT_URL_DYNAMODB)
 *
 * The password is never printed; prefer --password-stdin to keep it out of shell history and `ps`.
 */
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { normalizeEmail } from '../functions/login/email-address';
import { hashPassword } from '../functions/login/password-hash';
import { type CommandSpec, ExitCode, parseCommandLine, reportUsageError } from './cli/parse';
import { localCredentials } from './local/local-aws';
import { readStateFile } from './local/local-state-file';
import type { CommandIo } from './logs/command';

/** Short enough for a demo, long enough that the created account is not trivially guessable. */
const minPasswordLength = 8;
const defaultHome = path.resolve(__dirname, '..', '.cream');

export const usersAddCommand: CommandSpec = {
  usage: 'npm run users:add -- --email E (--password-stdin | --password P) [--local | --table T] [options]',
  summary:
    'Creates a login user (email and scrypt password hash) in the users table the login function reads.',
  options: {
    email: { type: 'string', valueName: 'E', description: "the user's email address (stored lower-cased)" },
    'password-stdin': {
      type: 'boolean',
      description: 'read the password from stdin (one trailing newline is dropped); keeps it out of `ps`',
    },
    password: {
      type: 'string',
      valueName: 'P',
      description: 'the password (visible in `ps` and shell history)',
    },
    local: {
      type: 'boolean',
      description: 'write to the running `npm start` (its DynamoDB endpoint, region and users table)',
    },
    home: {
      type: 'string',
      valueName: 'DIR',
      description: 'with --local: the state directory npm start uses (default ./.cream, or $CREAM_HOME)',
    },
    table: { type: 'string', valueName: 'T', description: 'the users table (default $USERS_TABLE_NAME)' },
    force: { type: 'boolean', description: 'replace an existing user (and so reset the password)' },
  },
  notes: [
    "Without --local: region and credentials come from the AWS SDK's usual sources; AWS_ENDPOINT_URL_DYNAMODB",
    'points at another endpoint. Exit codes: 0 created, 1 failed, 2 usage error.',
  ],
};

interface Options {
  readonly email: string;
  readonly password: string;
  readonly table: string;
  readonly force: boolean;
  /** Set with --local: where the running local stack's DynamoDB listens. */
  readonly local?: { readonly endpoint: string; readonly region: string };
}

interface Values {
  email?: string;
  password?: string;
  'password-stdin'?: boolean;
  local?: boolean;
  home?: string;
  table?: string;
  force?: boolean;
}

/** The running local stack's endpoint and users table, or why there is none (a failure, not a usage error). */
const localTarget = (values: Values): { local: Options['local']; table?: string } | { failure: string } => {
  const state = readStateFile(path.resolve(values.home ?? process.env.CREAM_HOME ?? defaultHome));
  if (typeof state === 'string') return { failure: state };
  const table = values.table?.trim() || state.usersTable;
  if (!table) return { failure: `the local stack ${state.stackName} has no users table; pass --table` };
  return { local: { endpoint: state.dynamoDbEndpoint, region: state.region }, table };
};

/** Checks the arguments; returns the options, a usage problem (exit 2), or a failure (exit 1). */
const readOptions = async (
  values: Values,
  io: CommandIo,
): Promise<Options | string | { failure: string }> => {
  const email = values.email ? normalizeEmail(values.email) : undefined;
  if (!email) return '--email must be an email address';
  if (values.password !== undefined && values['password-stdin'])
    return 'give --password or --password-stdin, not both';
  if (values.home !== undefined && !values.local) return '--home is only used with --local';
  const target = values.local
    ? localTarget(values)
    : { local: undefined, table: values.table?.trim() || undefined };
  if ('failure' in target) return target;
  const { local } = target;
  const table = target.table ?? (process.env.USERS_TABLE_NAME?.trim() || undefined);
  if (!table) return 'no table: pass --table, set USERS_TABLE_NAME, or use --local with npm start running';
  // Strip one trailing newline only: `echo pw |` adds it, while other whitespace may be part of the password.
  const password = values['password-stdin'] ? (await text(io.stdin)).replace(/\r?\n$/, '') : values.password;
  if (!password) return '--password-stdin (or --password) is required';
  if (password.length < minPasswordLength)
    return `the password must be at least ${minPasswordLength} characters`;
  return { email, password, table, force: values.force ?? false, local };
};

/** Turns SDK failures into one line a person can act on; the SDK's own message can be cryptic offline. */
const explain = (error: unknown, { table, email, local }: Options): string => {
  const name = error instanceof Error ? error.name : 'Error';
  const endpoint =
    local?.endpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB ?? process.env.AWS_ENDPOINT_URL ?? 'AWS';
  if (error instanceof ConditionalCheckFailedException) {
    return `user ${email} already exists in ${table}; pass --force to replace the password`;
  }
  if (name === 'ResourceNotFoundException') return `table ${table} does not exist at ${endpoint}`;
  if (name === 'CredentialsProviderError')
    return 'no AWS credentials found (set AWS_PROFILE or AWS_ACCESS_KEY_ID)';
  if (name === 'AccessDeniedException') return `not allowed to write to ${table} (dynamodb:PutItem)`;
  if (/region is missing/i.test(error instanceof Error ? error.message : '')) {
    return 'no AWS region (set AWS_REGION), or use --local to write to the running npm start';
  }
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNREFUSED') return `cannot reach DynamoDB at ${endpoint} (is it running?)`;
  return `could not add user: ${name}: ${error instanceof Error ? error.message : String(error)}`;
};

const processIo: CommandIo = {
  stdin: process.stdin,
  stdout: (chunk) => process.stdout.write(chunk),
  stderr: (chunk) => process.stderr.write(chunk),
};

export const main = async (argv: readonly string[], io: CommandIo = processIo): Promise<number> => {
  const parsed = parseCommandLine(usersAddCommand, argv, io);
  if (typeof parsed === 'number') return parsed;
  const options = await readOptions(parsed.values as Values, io);
  if (typeof options === 'string') return reportUsageError(usersAddCommand, io, options);
  if ('failure' in options) {
    io.stderr(`users-add: ${options.failure}\n`);
    return ExitCode.failure;
  }
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient(
      options.local
        ? { endpoint: options.local.endpoint, region: options.local.region, credentials: localCredentials }
        : {},
    ),
  );
  try {
    await client.send(
      new PutCommand({
        TableName: options.table,
        Item: {
          email: options.email,
          password_hash: await hashPassword(options.password),
          created_at: new Date().toISOString(),
        },
        // Without --force an existing account is never silently overwritten (nor its password reset).
        ...(options.force ? {} : { ConditionExpression: 'attribute_not_exists(email)' }),
      }),
    );
  } catch (error) {
    io.stderr(`users-add: ${explain(error, options)}\n`);
    return ExitCode.failure;
  } finally {
    client.destroy();
  }
  const where = options.local ? `${options.table} (local, ${options.local.endpoint})` : options.table;
  io.stdout(`${options.force ? 'saved' : 'created'} user ${options.email} in ${where}\n`);
  return ExitCode.ok;
};

// Run only as a script, so tests can import main() without side effects.
if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`users-add: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = ExitCode.failure;
    },
  );
}
