import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CloudWatchLogsClient,
  DescribeQueryDefinitionsCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { localCredentials } from '../../tools/local/local-aws';
import { sharedCdkOut, sharedSynthTimeoutMs } from '../support/shared-synth';
import { runCli } from './helpers';

/**
 * The README's two questions, end to end: `npm start` (the real runtime, on a free port, state in a temp
 * home), real traffic, then one `logs query` command each over what it stored: every record of one
 * correlation id, and failed logins per source IP.
 */
const projectRoot = path.resolve(__dirname, '../..');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-readme-'));
const home = path.join(workDir, 'home');
let cdkOut = '';
// The queries wait up to 30 s (waitFor, below) for the records the runtime writes after each response.
jest.setTimeout(60_000);
let child: ChildProcess | undefined;
let exited: Promise<number | null>;
let url = '';
let awsEndpoint = '';
let password = '';

const waitFor = async <T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: () => string,
  timeoutMs = 30_000,
) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline || child?.exitCode !== null) throw new Error(`no ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

beforeAll(async () => {
  cdkOut = await sharedCdkOut();
  child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'tools/local/start.ts',
      '--port',
      '0',
      '--home',
      home,
      '--cdk-out',
      cdkOut,
      '--no-synth',
      '--no-watch',
    ],
    { cwd: projectRoot, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  exited = new Promise((resolve) => child?.on('close', (code) => resolve(code)));
  await waitFor(
    () => (/Press Ctrl-C to stop/.test(output) ? true : undefined),
    () => `npm start banner:\n${output}`,
    90_000,
  );
  url = `http://127.0.0.1:${/running locally at http:\/\/localhost:(\d+)/.exec(output)![1]}`;
  password = /password: (\S+)/.exec(output)![1];
  awsEndpoint = /^ {2}aws: +(http:\/\/127\.0\.0\.1:\d+) /m.exec(output)![1];
  // the run's shared synthesis, then the runtime coming up (90 s above) on a possibly loaded machine
}, sharedSynthTimeoutMs + 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(workDir, { recursive: true, force: true });
}, 30_000);

const login = (body: unknown) =>
  fetch(`${url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const query = async (...args: string[]) => {
  const result = await runCli(['query', ...args, '--format', 'json', '--home', home, '--cdk-out', cdkOut]);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Record<string, string>[];
};

describe("the README's two questions, after npm start traffic", () => {
  it('finds every record of one correlation id, across the function and the access log, in one command', async () => {
    const response = await login({ email: 'demo@cream.local', password: 'not-it' });
    expect(response.status).toBe(401);
    const correlationId = response.headers.get('x-correlation-id')!;
    await login({ email: 'demo@cream.local', password }); // another request, which must not show up

    const rows = await waitFor(
      async () => {
        const found = await query(
          '--saved',
          'One request by correlation id',
          '--correlation-id',
          correlationId,
        );
        return found.length >= 3 ? found : undefined;
      },
      () => 'request and access log line',
    );

    expect(rows.map((row) => [row['@log'].replace(/^\d+:/, ''), row.message ?? '(access log)'])).toEqual(
      expect.arrayContaining([
        [expect.stringMatching(/^\/aws\/lambda\/Login/), 'login_attempt'],
        [expect.stringMatching(/^\/aws\/lambda\/Login/), 'request_completed'],
        [expect.stringMatching(/Access/), '(access log)'],
      ]),
    );
    // Nothing else of the request but a slow call's record: a DynamoDB query slower than the layer's 200 ms
    // threshold is written at INFO (db_query), as it is on a loaded machine; at DEBUG it is dropped.
    expect(
      rows
        .filter((row) => !['login_attempt', 'request_completed', undefined].includes(row.message))
        .map((row) => [row.message, row.category]),
    ).toEqual(rows.length === 3 ? [] : [['db_query', 'performance']]);
    expect(rows.find((row) => row.message === 'request_completed')).toMatchObject({
      status_code: '401',
      route: '/login',
    });
  });

  it('counts failed logins per source IP in one command', async () => {
    for (const guess of ['a', 'b', 'c'])
      expect((await login({ email: 'demo@cream.local', password: guess })).status).toBe(401);
    expect((await login({ email: 'nobody@cream.local', password: 'x' })).status).toBe(401);

    const rows = await query('--saved', 'Failed logins by source IP');

    // This test's guesses plus the one above; unknown users count too, as distinct users.
    expect(rows).toEqual([
      expect.objectContaining({
        source_ip: '127.0.0.1',
        failures: '5',
        users: '2',
        reasons: '2',
        last_seen: expect.any(String),
      }),
    ]);
  });

  it('answers the same through the local endpoint, as `aws logs start-query --endpoint-url` would ask', async () => {
    const client = new CloudWatchLogsClient({
      endpoint: awsEndpoint,
      region: 'us-east-1',
      credentials: localCredentials,
    });
    const { queryDefinitions } = await client.send(
      new DescribeQueryDefinitionsCommand({ queryDefinitionNamePrefix: 'Cream/CreamLogging/Failed' }),
    );
    const saved = queryDefinitions?.[0];
    const now = Math.floor(Date.now() / 1000);
    const { queryId } = await client.send(
      new StartQueryCommand({
        logGroupNames: saved?.logGroupNames,
        queryString: saved?.queryString,
        startTime: now - 3600,
        endTime: now,
      }),
    );
    const result = await waitFor(
      async () => {
        const answer = await client.send(new GetQueryResultsCommand({ queryId }));
        return answer.status === 'Complete' ? answer : undefined;
      },
      () => 'Complete',
    );

    expect(saved?.name).toBe('Cream/CreamLogging/Failed logins by source IP');
    expect(result.results?.[0]).toEqual(
      expect.arrayContaining([
        { field: 'source_ip', value: '127.0.0.1' },
        { field: 'failures', value: '5' },
      ]),
    );
    expect(result.statistics?.recordsMatched).toBe(5);
  });
});
