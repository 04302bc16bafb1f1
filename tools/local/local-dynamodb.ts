import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  type ScalarAttributeType,
  waitUntilTableExists,
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

/** Polling a local server: short delays, and a deadline generous enough for a loaded machine. */
const TableWait = { maxWaitTime: 60, minDelay: 0.02, maxDelay: 0.5 } as const;

/**
 * dynalite answers CreateTable with CREATING and flips the table to ACTIVE on a timer, even with
 * `createTableMs: 0`; a write before that fails. Wait for ACTIVE, as a deploy waits for the real table.
 */
const waitForActive = async (client: DynamoDBClient, tableName: string, createdNow: boolean) => {
  if (!createdNow) {
    // A table left CREATING by a start that was killed in that instant never becomes ACTIVE: its timer died.
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'CREATING') {
      throw new Error(
        `table ${tableName} is stuck in CREATING from an interrupted start; delete its data dir`,
      );
    }
  }
  // Throws (with the last state seen) unless the table is ACTIVE within the deadline.
  await waitUntilTableExists({ client, ...TableWait }, { TableName: tableName });
};

/**
 * DynamoDB for the functions: dynalite (the DynamoDB API over LevelDB) in this process on a free port, its
 * data under `dataDir` so users survive restarts, and the stack's tables created from the template when
 * missing, each ACTIVE before this resolves. Tables are on-demand locally whatever the template says;
 * capacity is not emulated.
 */
export const startLocalDynamoDb = async (
  dataDir: string,
  tables: readonly TableModel[],
  region: string,
  /** dynalite's delay before a new table turns ACTIVE; tests raise it to show nothing races it. */
  createTableMs = 0,
): Promise<LocalDynamoDb> => {
  const server = dynalite({ path: dataDir, createTableMs, deleteTableMs: 0, updateTableMs: 0 });
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
      if (existing.has(table.tableName)) {
        await waitForActive(client, table.tableName, false);
        continue;
      }
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
      await waitForActive(client, table.tableName, true);
      created.push(table.tableName);
    }
    return { url, client, created, close };
  } catch (error) {
    await close();
    throw error;
  }
};
