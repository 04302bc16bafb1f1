import fs from 'node:fs';
import path from 'node:path';
import { querySpec } from '../../tools/logs/query-spec';
import { sharedSynthTimeoutMs } from '../support/shared-synth';
import { createWorkspace, layerRecord, runCli, type Workspace } from './helpers';

/**
 * `logs query` over the local store: the stack's groups by any of their names, its saved queries, files,
 * the three output formats and `--check`. The stack is the project's own, synthesized once for the file.
 */
let ws: Workspace;
const t0 = Date.UTC(2026, 10, 26, 12);
const range = [
  '--start',
  new Date(t0 - 60_000).toISOString(),
  '--end',
  new Date(t0 + 3_600_000).toISOString(),
];

const attempt = (i: number, fields: Record<string, unknown>) =>
  layerRecord(t0 + i * 1000, {
    message: 'login_attempt',
    category: 'security',
    correlation_id: `cid-${i}`,
    function_name: 'LoginFunction',
    ...fields,
  });

beforeAll(async () => {
  ws = await createWorkspace();
  const { store, groups } = ws;
  for (let i = 0; i < 5; i++) {
    const failed = i < 4;
    store.append(
      groups.login,
      's',
      attempt(i, {
        outcome: failed ? 'failure' : 'success',
        ...(failed ? { reason: 'bad_password' } : {}),
        user: failed ? `a${i % 2}***@evil.example` : 'd***@cream.local',
        user_hash: failed ? `h${i % 2}` : 'h-demo',
        source_ip: failed ? '203.0.113.66' : '198.51.100.7',
      }),
      t0,
      t0 + i * 1000,
    );
  }
  // An attacker's user name: ANSI colors, a bidi override, a formula, a quote.
  store.append(
    groups.login,
    's',
    attempt(9, {
      outcome: 'failure',
      reason: 'unknown_user',
      user: '\u001b[31m=HYPERLINK("x")\u202e',
      source_ip: '192.0.2.1',
      correlation_id: 'quote"d',
    }),
    t0,
    t0 + 9000,
  );
  store.append(
    groups.access,
    'api',
    JSON.stringify({
      requestId: 'cid-1',
      ip: '203.0.113.66',
      requestTime: '26/Nov/2026:12:00:01 +0000',
      status: 401,
    }),
    t0,
    t0 + 1000,
  );
  // waits for the run's shared synthesis (test/support/shared-synth.ts)
}, sharedSynthTimeoutMs);

afterAll(() => ws.cleanup());

const query = (...args: string[]) =>
  runCli([
    'query',
    ...args,
    '--home',
    ws.home,
    '--cdk-out',
    ws.cdkOut,
    ...(args.includes('--since') ? [] : range),
  ]);

describe('logs query over the local logs', () => {
  it('answers --help with every option and refuses unknown ones with exit 2', async () => {
    const help = await runCli(['query', '--help']);
    const unknown = await runCli(['query', 'fields @message', '--groop', 'x']);

    expect(help.status).toBe(0);
    for (const name of Object.keys(querySpec.options)) expect(help.stdout).toContain(`--${name}`);
    expect(unknown).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/^error: unknown option --groop\n/),
    });
  });

  it('finds failed logins per source IP in the group named by its service', async () => {
    const result = await query(
      'filter message = "login_attempt" and outcome = "failure" | stats count(*) as failures by source_ip | sort failures desc',
      '--group',
      'login',
      '--format',
      'json',
    );

    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { source_ip: '203.0.113.66', failures: '4' },
      { source_ip: '192.0.2.1', failures: '1' },
    ]);
    expect(result.stderr).toMatch(/^2 rows; 5 of 6 records matched, .* scanned in /m);
  });

  it('runs a saved query by its display name, in any case, on its own log groups', async () => {
    const result = await query('--saved', 'failed LOGINS by source ip', '--format', 'json');
    const unknown = await query('--saved', 'Fastest requests');

    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)[0]).toMatchObject({
      source_ip: '203.0.113.66',
      failures: '4',
      users: '2',
    });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no saved query "Fastest requests"');
    expect(unknown.stderr).toContain('  Cream/CreamLogging/Slowest requests');
  });

  it('puts --correlation-id into the saved query, quotes included, across function and access logs', async () => {
    const one = await query(
      '--saved',
      'One request by correlation id',
      '--correlation-id',
      'cid-1',
      '--format',
      'json',
    );
    const quoted = await query(
      '--saved',
      'Cream/CreamLogging/One request by correlation id',
      '--correlation-id',
      'quote"d',
      '--format',
      'json',
    );
    const placeholder = await query('--saved', 'One request by correlation id');

    expect(JSON.parse(one.stdout).map((row: Record<string, string>) => row['@log'])).toEqual([
      `000000000000:${ws.groups.login}`,
      `000000000000:${ws.groups.access}`,
    ]);
    expect(JSON.parse(quoted.stdout)).toEqual([expect.objectContaining({ message: 'login_attempt' })]);
    expect(placeholder.stderr).toContain('give --correlation-id ID');
  });

  it('prints an aligned table with what a record could do to a terminal escaped', async () => {
    const result = await query(
      'fields user, source_ip | filter reason = "unknown_user"',
      '--group',
      ws.groups.login,
    );

    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).not.toContain('\u202e');
    expect(result.stdout.split('\n')).toEqual([
      'user                           source_ip',
      '-----------------------------  ---------',
      '\\x1b[31m=HYPERLINK("x")\\u202e  192.0.2.1',
      '',
    ]);
  });

  it('writes JSON that parses to the same values, and CSV a spreadsheet will not run', async () => {
    const args = [
      'fields user, outcome | filter source_ip = "192.0.2.1"',
      '--group',
      'LoginFunction19F3584F',
    ];
    const json = await query(...args, '--format', 'json');
    const file = path.join(ws.home, 'cells.jsonl');
    const users = ['=HYPERLINK("http://x")', '-5', 'a,b', '@SUM(A1)'];
    fs.writeFileSync(file, users.map((user) => JSON.stringify({ user })).join('\n'));
    const csv = await runCli([
      'query',
      'fields user | sort @timestamp asc',
      '--file',
      file,
      '--format',
      'csv',
    ]);

    expect(json.stdout).not.toContain('\u001b');
    expect(json.stdout).not.toContain('\u202e');
    expect(JSON.parse(json.stdout)).toEqual([
      { user: '\u001b[31m=HYPERLINK("x")\u202e', outcome: 'failure' },
    ]);
    expect(csv.stdout).toBe(`user\r\n"'=HYPERLINK(""http://x"")"\r\n-5\r\n"a,b"\r\n'@SUM(A1)\r\n`);
  });

  it('searches only the range: the last hour by default, --since, --start/--end', async () => {
    const recent = Date.now() - 5 * 60_000;
    ws.store.append(ws.groups.health, 's', layerRecord(recent, { message: 'system_event' }), recent, recent);
    ws.store.append(
      ws.groups.health,
      's',
      layerRecord(recent - 7_200_000, { message: 'old' }),
      recent,
      recent,
    );
    const run = (...args: string[]) =>
      runCli([
        'query',
        'stats count(*) as n by message',
        '--group',
        'health',
        '--format',
        'json',
        '--home',
        ws.home,
        '--cdk-out',
        ws.cdkOut,
        ...args,
      ]);

    expect(JSON.parse((await run()).stdout)).toEqual([{ message: 'system_event', n: '1' }]);
    expect(JSON.parse((await run('--since', '3h')).stdout)).toHaveLength(2);
    expect(JSON.parse((await run('--since', '1m')).stdout)).toEqual([]);
    expect((await run('--since', '3 fortnights')).status).toBe(2);
    expect((await run('--since', '1h', '--start', '2026-01-01')).status).toBe(2);
  });

  it('names the groups it has when --group matches none', async () => {
    const result = await query('fields @message', '--group', 'nope');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${ws.groups.login} (LoginLogGroup`);
    expect(result.stderr).toMatch(/\(.*login.*\)/);
  });
});

describe('logs query --file and --check', () => {
  it('reads files line by line: JSON timestamps, text lines, stdin', async () => {
    const file = path.join(ws.home, 'events.jsonl');
    fs.writeFileSync(
      file,
      [
        layerRecord(t0, { message: 'a', duration_ms: 5 }),
        '2026-11-26T12:00:02.000Z\tabc\tINFO\tplain text',
        'REPORT RequestId: abc\tDuration: 1.50 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB',
        '',
      ].join('\n'),
    );
    const result = await runCli([
      'query',
      'fields @timestamp, @message, @log | sort @timestamp asc',
      '--file',
      file,
      '--format',
      'json',
    ]);
    const stdin = await runCli(['query', 'stats count(*) as n', '--file', '-', '--format', 'json'], 'x\ny\n');
    const report = await runCli([
      'query',
      'filter @type = "REPORT" | fields @duration',
      '--file',
      file,
      '--format',
      'json',
    ]);

    expect(
      JSON.parse(result.stdout).map((row: Record<string, string>) => [row['@timestamp'], row['@log']]),
    ).toEqual([
      ['2026-11-26 12:00:00.000', file],
      ['2026-11-26 12:00:02.000', file],
      ['2026-11-26 12:00:02.000', file],
    ]);
    expect(JSON.parse(stdin.stdout)).toEqual([{ n: '2' }]);
    expect(JSON.parse(report.stdout)).toEqual([{ '@duration': '1.5' }]);
  });

  it('validates a query with --check, as StartQuery would answer it', async () => {
    const valid = await runCli(['query', '--check', 'filter status_code >= 500 | stats count(*) by bin(5m)']);
    const malformed = await runCli(['query', '--check', 'fields @message\n| filter (']);
    const unsupported = await runCli(['query', '--check', 'pattern @message']);

    expect(valid).toMatchObject({ status: 0, stdout: '' });
    expect(malformed.status).toBe(1);
    expect(malformed.stderr).toMatch(
      /^An error occurred \(MalformedQueryException\) when calling the StartQuery operation: .*\n {2}at line 2, column \d+:\n {4}\| filter \(\n {4} *\^+\n$/,
    );
    expect(unsupported).toMatchObject({ status: 1, stderr: expect.stringContaining('pattern') });
  });
});
