import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { hashPassword } from '../../functions/login/password-hash';

export interface DemoUser {
  readonly email: string;
  readonly password: string;
  /** True when this start wrote the user (first start, or the table was reset). */
  readonly created: boolean;
}

const DemoEmail = 'demo@cream.local';

/** 16 random bytes, readable enough to paste: the demo password differs on every machine. */
const newPassword = (): string => `cream-${randomBytes(12).toString('base64url')}`;

/**
 * The user the banner offers. Credentials are generated once and kept in `<home>/demo-user.json` so every
 * start prints the same ones; the item (`email`, `password_hash` as the login function reads it, scrypt via
 * the login function's own `hashPassword`) is written only when it is missing from the table.
 */
export const ensureDemoUser = async (
  client: DynamoDBClient,
  tableName: string,
  home: string,
): Promise<DemoUser> => {
  const file = path.join(home, 'demo-user.json');
  const saved = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { email: string; password: string })
    : { email: DemoEmail, password: newPassword() };
  if (!fs.existsSync(file)) fs.writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
  const existing = await client.send(
    new GetItemCommand({ TableName: tableName, Key: { email: { S: saved.email } }, ConsistentRead: true }),
  );
  if (existing.Item) return { ...saved, created: false };
  await client.send(
    new PutItemCommand({
      TableName: tableName,
      Item: { email: { S: saved.email }, password_hash: { S: await hashPassword(saved.password) } },
    }),
  );
  return { ...saved, created: true };
};
