import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { verifyPassword } from '../../functions/login/password-hash';
import type { TableModel } from '../../tools/cloud-assembly';
import { localCredentials } from '../../tools/local/local-aws';
import { type LocalDynamoDb, startLocalDynamoDb } from '../../tools/local/local-dynamodb';
import { readStateFile, stateFileOf, writeStateFile } from '../../tools/local/local-state-file';
import { main as usersAdd } from '../../tools/users-add';

/**
 * The local users table: ready (ACTIVE) before anything writes to it, and reachable by `users:add --local`
 * through the state file `npm start` publishes, with no endpoint, table name or region to hunt for.
 */
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-local-users-'));
const region = 'eu-west-1';
const table: TableModel = {
  logicalId: 'Users',
  tableName: 'Stack-Users1234',
  keySchema: [{ AttributeName: 'email', KeyType: 'HASH' }],
  attributeDefinitions: [{ AttributeName: 'email', AttributeType: 'S' }],
};

const io = (stdin = '') => {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdin: Readable.from([stdin]),
      stdout: (text: string) => {
        out.stdout += text;
      },
      stderr: (text: string) => {
        out.stderr += text;
      },
    },
  };
};

/** A pid that surely belongs to no process: one that just exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid ?? 0;

let dynamo: LocalDynamoDb;

// A slow activation (as on a loaded machine): a write racing it would fail with ResourceNotFoundException.
beforeAll(async () => {
  dynamo = await startLocalDynamoDb(path.join(workDir, 'dynamodb'), [table], region, 400);
});
afterAll(async () => {
  await dynamo?.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('local DynamoDB', () => {
  it('returns only once every table it created is ACTIVE', async () => {
    const { Table } = await dynamo.client.send(new DescribeTableCommand({ TableName: table.tableName }));
    expect(dynamo.created).toEqual([table.tableName]);
    expect(Table?.TableStatus).toBe('ACTIVE');
  });

  it('(negative control) dynalite itself answers CREATING at first with that delay', async () => {
    const server = dynalite({ createTableMs: 400 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = new DynamoDBClient({ endpoint, region, credentials: localCredentials });
    try {
      const { TableDescription } = await client.send(
        new CreateTableCommand({
          TableName: 'Probe',
          KeySchema: [...table.keySchema],
          AttributeDefinitions: [{ AttributeName: 'email', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      expect(TableDescription?.TableStatus).toBe('CREATING');
    } finally {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('users:add --local', () => {
  const home = path.join(workDir, 'home');
  beforeAll(() => fs.mkdirSync(home, { recursive: true }));

  it('finds the running local stack through its state file and creates the user there', async () => {
    const remove = writeStateFile(home, {
      pid: process.pid,
      url: 'http://localhost:3000',
      stackName: 'Stack',
      region,
      dynamoDbEndpoint: dynamo.url,
      usersTable: table.tableName,
    });
    const { out, io: cli } = io('a password of sorts\n');

    const code = await usersAdd(
      ['--local', '--home', home, '--email', 'Pat@Example.com', '--password-stdin'],
      cli,
    );
    remove();

    expect(out.stderr).toBe('');
    expect(code).toBe(0);
    expect(out.stdout).toBe(`created user pat@example.com in ${table.tableName} (local, ${dynamo.url})\n`);
    const { Item } = await dynamo.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: { email: { S: 'pat@example.com' } } }),
    );
    expect(await verifyPassword('a password of sorts', Item?.password_hash?.S ?? '')).toBe(true);
    expect(fs.existsSync(stateFileOf(home))).toBe(false);
  });

  it('says plainly when no local stack runs, or when the recorded one is gone (exit 1)', async () => {
    const none = io();
    expect(
      await usersAdd(['--local', '--home', home, '--email', 'a@b.co', '--password', 'long enough'], none.io),
    ).toBe(1);
    expect(none.out.stderr).toContain(`no local stack is running for ${home}`);

    writeStateFile(home, { pid: deadPid(), url: 'x', stackName: 'S', region, dynamoDbEndpoint: dynamo.url });
    expect(readStateFile(home)).toMatch(/is not running any more/);
    const stale = io();
    expect(
      await usersAdd(['--local', '--home', home, '--email', 'a@b.co', '--password', 'long enough'], stale.io),
    ).toBe(1);
    expect(stale.out.stderr).toMatch(/is not running any more; start it with: npm start/);
    fs.rmSync(stateFileOf(home));
  });

  it('only removes a state file it wrote itself', () => {
    const mine = writeStateFile(home, {
      pid: process.pid,
      url: 'x',
      stackName: 'S',
      region,
      dynamoDbEndpoint: 'y',
    });
    writeStateFile(home, { pid: process.ppid, url: 'x', stackName: 'S', region, dynamoDbEndpoint: 'z' });
    mine();
    expect(readStateFile(home)).toMatchObject({ dynamoDbEndpoint: 'z' });
    fs.rmSync(stateFileOf(home));
  });
});
