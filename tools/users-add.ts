/**
 * Creates (or with --force replaces) a login user in the users table.
 *
 *   npx tsx tools/users-add.ts --email E --password P [--table T] [--force]
 *   printf '%s' "$PASSWORD" | npx tsx tools/users-add.ts --email E --password-stdin
 *
 * The table comes from --table or USERS_TABLE_NAME; the endpoint from the SDK's own environment
 * (AWS_ENDPOINT_URL_DYNAMODB=http://localhost:8000 for a local emulator), region and credentials likewise.
 * The password is never printed; prefer --password-stdin to keep it out of shell history and `ps`.
 */
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { normalizeEmail } from '../functions/login/email-address';
import { hashPassword } from '../functions/login/password-hash';

const usage =
  'usage: users-add --email E (--password P | --password-stdin) [--table T] [--force]\n' +
  '  table: --table or USERS_TABLE_NAME; endpoint: AWS_ENDPOINT_URL_DYNAMODB (optional)';

/** Short enough for a demo, long enough that the created account is not trivially guessable. */
const minPasswordLength = 8;

class UsageError extends Error {}

interface Options {
  readonly email: string;
  readonly password: string;
  readonly table: string;
  readonly force: boolean;
}

const readOptions = async (argv: readonly string[]): Promise<Options> => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      table: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) throw new UsageError('');
  const email = values.email ? normalizeEmail(values.email) : undefined;
  if (!email) throw new UsageError('--email must be an email address');
  if (values.password !== undefined && values['password-stdin']) {
    throw new UsageError('give --password or --password-stdin, not both');
  }
  // Strip one trailing newline only: `echo pw |` adds it, while other whitespace may be part of the password.
  const password = values['password-stdin']
    ? (await text(process.stdin)).replace(/\r?\n$/, '')
    : values.password;
  if (!password) throw new UsageError('--password (or --password-stdin) is required');
  if (password.length < minPasswordLength) {
    throw new UsageError(`the password must be at least ${minPasswordLength} characters`);
  }
  const table = values.table?.trim() || process.env.USERS_TABLE_NAME?.trim();
  if (!table) throw new UsageError('no table: pass --table or set USERS_TABLE_NAME');
  return { email, password, table, force: values.force };
};

/** Turns SDK failures into one line a person can act on; the SDK's own message can be cryptic offline. */
const explain = (error: unknown, { table, email }: Options): string => {
  const name = error instanceof Error ? error.name : 'Error';
  const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB ?? process.env.AWS_ENDPOINT_URL ?? 'AWS';
  if (error instanceof ConditionalCheckFailedException) {
    return `user ${email} already exists in ${table}; pass --force to replace the password`;
  }
  if (name === 'ResourceNotFoundException') return `table ${table} does not exist at ${endpoint}`;
  if (name === 'CredentialsProviderError')
    return 'no AWS credentials found (set AWS_PROFILE or AWS_ACCESS_KEY_ID)';
  if (name === 'AccessDeniedException') return `not allowed to write to ${table} (dynamodb:PutItem)`;
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNREFUSED') return `cannot reach DynamoDB at ${endpoint} (is the emulator running?)`;
  return `could not add user: ${name}: ${error instanceof Error ? error.message : String(error)}`;
};

export const main = async (argv: readonly string[]): Promise<number> => {
  let options: Options;
  try {
    options = await readOptions(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // --help is an answer (stdout, exit 0); anything else is a usage error (stderr, exit 2).
    if (!message) process.stdout.write(`${usage}\n`);
    else process.stderr.write(`users-add: ${message}\n${usage}\n`);
    return message ? 2 : 0;
  }
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
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
    process.stderr.write(`users-add: ${explain(error, options)}\n`);
    return 1;
  } finally {
    client.destroy();
  }
  process.stdout.write(`${options.force ? 'saved' : 'created'} user ${options.email} in ${options.table}\n`);
  return 0;
};

// Run only as a script, so tests can import main() without side effects.
if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`users-add: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
