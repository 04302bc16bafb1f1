import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { instrumentClient } from '@cream/logging';
import { DependencyError } from './dependency-error';

/**
 * Module scope: one client (and its keep-alive connections) per execution environment, reused across requests.
 * The document client is the one instrumented: it shares the base client's middleware stack, and its own `send`
 * is what a test's mockClient(DynamoDBDocumentClient) replaces, so records are written either way.
 */
const documents = instrumentClient(DynamoDBDocumentClient.from(new DynamoDBClient({})));

/** The part of a users-table item login needs. */
export interface StoredUser {
  readonly email: string;
  readonly passwordHash: string;
}

/**
 * Looks a user up by (normalized) email. Undefined when there is no such item, or when it has no usable
 * password hash, which login must treat exactly like an unknown user.
 */
export const findUser = async (tableName: string, email: string): Promise<StoredUser | undefined> => {
  let item: Record<string, unknown> | undefined;
  try {
    const output = await documents.send(
      new GetCommand({
        TableName: tableName,
        Key: { email },
        // Only what login needs: other attributes may hold personal data this function has no business reading.
        ProjectionExpression: 'email, password_hash',
      }),
    );
    item = output.Item;
  } catch (error) {
    throw new DependencyError('DynamoDB', error);
  }
  const passwordHash = item?.password_hash;
  return typeof passwordHash === 'string' ? { email, passwordHash } : undefined;
};
