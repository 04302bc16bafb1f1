import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  type ScalarAttributeType,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { TableModel } from '../cloud-assembly';
import { localCredentials } from './local-aws';

export interface LocalDynamoDb {
  readonly url: string;
  readonly client: DynamoDBClient;
  /** Tables created by this start (the others existed from an earlier run). */
  readonly created: readonly string[];
  close(): Promise<void>;
}

/**
 * DynamoDB for the functions: dynalite (the DynamoDB API over LevelDB) in this process on a free port, its
 * data under `dataDir` so users survive restarts, and the stack's tables created from the template when
 * missing. Tables are on-demand locally whatever the template says; capacity is not emulated.
 */
export const startLocalDynamoDb = async (
  dataDir: string,
  tables: readonly TableModel[],
  region: string,
): Promise<LocalDynamoDb> => {
  // Tables become ACTIVE at once: nothing here waits for provisioning.
  const server = dynalite({ path: dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint: url, region, credentials: localCredentials });
  const close = async () => {
    client.destroy();
    server.closeAllConnections();
    // dynalite's close also closes the LevelDB store, which releases its lock for the next start.
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  try {
    const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
    const created: string[] = [];
    for (const table of tables) {
      if (existing.has(table.tableName)) continue;
      await client.send(
        new CreateTableCommand({
          TableName: table.tableName,
          KeySchema: [...table.keySchema],
          AttributeDefinitions: table.attributeDefinitions.map((definition) => ({
            AttributeName: definition.AttributeName,
            // The template was validated by CloudFormation's schema: S, N or B.
            AttributeType: definition.AttributeType as ScalarAttributeType,
          })),
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      created.push(table.tableName);
    }
    return { url, client, created, close };
  } catch (error) {
    await close();
    throw error;
  }
};
