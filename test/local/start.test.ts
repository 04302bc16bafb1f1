import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedCdkOut, sharedSynthTimeoutMs } from '../support/shared-synth';

/**
 * `npm start` end to end: the real entry point as a child process, on a free port, with its state in a temp
 * dir. Every start runs the run's shared assembly (test/support/shared-synth.ts) with --no-synth.
 */
const projectRoot = path.resolve(__dirname, '../..');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-start-'));
const home = path.join(workDir, 'home');
// Tests wait for states of the running stack (records, alarm lines, an emptied process group), up to 20 s each.
jest.setTimeout(60_000);
let cdkOut = '';

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  /** stdout and stderr as they arrived, interleaved. */
  readonly output: () => string;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

/**
 * Starts `tools/local/start.ts` (Node with tsx's loader, one process that owns its signal handlers even where
 * the shell that runs the tests ignores SIGINT) in its own process group, so the test can see every descendant.
 */
const start = (
  port: number,
  synth: boolean,
  waitFor: RegExp = /Press Ctrl-C to stop/,
  extra: { args?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<Started> => {
  const args = [
    '--import',
    'tsx',
    'tools/local/start.ts',
    '--port',
    String(port),
    '--home',
    home,
    '--cdk-out',
    cdkOut,
    '--no-watch',
    ...(extra.args ?? []),
  ];
  const child = spawn(process.execPath, synth ? args : [...args, '--no-synth'], {
    cwd: projectRoot,
    detached: true,
    env: extra.env ?? { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stderr += chunk.toString();
  });
  // 'close', not 'exit': only then has every byte it wrote been read.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  // Port 0 binds any free port (one probed free beforehand could be taken meanwhile); the banner names it.
  const actualPort = () =>
    port === 0 ? /running locally at http:\/\/localhost:(\d+)/.exec(output)?.[1] : port;
  const started = {
    child,
    get url() {
      return `http://127.0.0.1:${actualPort()}`;
    },
    output: () => output,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
  };
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (waitFor.test(output)) {
        clearInterval(timer);
        resolve(started);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      if (!waitFor.test(output)) reject(new Error(`start exited (${code}) before ${waitFor}:\n${output}`));
      else resolve(started);
    });
  });
};

/** Pids still alive in the process group led by `pgid` (the npx process, tsx, node, workers). */
const groupMembers = (pgid: number): number[] => {
  const listing = execFileSync('ps', ['-e', '-o', 'pid=,pgid=,stat='], { encoding: 'utf8' });
  return listing
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, group, stat]) => Number(group) === pgid && !stat?.startsWith('Z'))
    .map(([pid]) => Number(pid));
};

/**
 * Signals the whole process group, as a terminal's Ctrl-C (SIGINT) or a service manager (SIGTERM) does:
 * npx itself exits on the signal without waiting, so what matters is the runtime's own output and that the
 * group empties.
 */
const stop = async (started: Started, signal: NodeJS.Signals): Promise<number[]> => {
  const pgid = started.child.pid!;
  process.kill(-pgid, signal);
  await started.exited;
  return waitUntilGone(pgid);
};

/** Polls until the group is empty; the deadline is generous because the machine may be loaded. */
const waitUntilGone = async (pgid: number, timeoutMs = 20_000): Promise<number[]> => {
  const deadline = Date.now() + timeoutMs;
  let members = groupMembers(pgid);
  while (members.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    members = groupMembers(pgid);
  }
  return members;
};

const waitFor = async (condition: () => boolean, what: string, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const login = (url: string, body: string, contentType = 'application/json') =>
  fetch(`${url}/login`, { method: 'POST', headers: { 'content-type': contentType }, body });

const readRecords = (groupPrefix: string): Record<string, unknown>[] => {
  const logs = path.join(home, 'logs');
  const dir = fs.readdirSync(logs).find((name) => name.startsWith(groupPrefix));
  if (!dir) throw new Error(`no log group directory ${groupPrefix}* in ${fs.readdirSync(logs).join(', ')}`);
  return fs
    .readdirSync(path.join(logs, dir))
    .filter((file) => /^\d{4}-\d{2}-\d{2}\.jsonl$/.test(file))
    .flatMap((file) =>
      fs
        .readFileSync(path.join(logs, dir, file), 'utf8')
        .trim()
        .split('\n'),
    )
    .map((line) => JSON.parse(line) as Record<string, unknown>);
};

const started: Started[] = [];

afterAll(() => {
  // Only if a test failed half-way: nothing of ours may outlive the suite.
  for (const { child } of started) {
    if (child.pid && groupMembers(child.pid).length > 0) process.kill(-child.pid, 'SIGKILL');
  }
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('npm start', () => {
  let first: Started;
  let email: string;
  let password: string;

  beforeAll(async () => {
    cdkOut = await sharedCdkOut();
    first = await start(0, false);
    started.push(first);
    email = /email: (\S+)/.exec(first.output())![1];
    password = /password: (\S+)/.exec(first.output())![1];
    // the run's shared synthesis, then a runtime coming up on a possibly loaded machine
  }, sharedSynthTimeoutMs + 60_000);

  it('prints the URL, the demo user and three curl lines in the banner', () => {
    const banner = first.output();
    expect(banner).toContain('Demo user (created):');
    expect(email).toBe('demo@cream.local');
    expect(banner.match(/^ {2}curl /gm)).toHaveLength(3);
    expect(banner).toMatch(/^ {2}dynamodb: http:\/\/127\.0\.0\.1:\d+ \(region \S+, users table \S+\)$/m);
    expect(banner).toContain(`npm run users:add -- --local --home '${home}' --email`);
  });

  it('logs in with good credentials and refuses bad and malformed ones', async () => {
    const good = await login(first.url, JSON.stringify({ email, password }));
    expect(good.status).toBe(200);
    expect(good.headers.get('apigw-requestid')).toBeTruthy();
    const token = (await good.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(token).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 3600 });

    const form = await login(
      first.url,
      new URLSearchParams({ username: email, password }).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(form.status).toBe(200);

    const bad = await login(first.url, JSON.stringify({ email, password: 'not-the-password' }));
    expect(bad.status).toBe(401);
    const unknown = await login(first.url, JSON.stringify({ email: 'nobody@cream.local', password: 'x' }));
    expect(await unknown.text()).toBe(await bad.text());

    const malformed = await login(first.url, '{"email":');
    expect(malformed.status).toBe(400);

    const notFound = await fetch(`${first.url}/nope`);
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ message: 'Not Found' });
  });

  it('turns the brute-force alarm to ALARM after 20 failed logins, and health reports it', async () => {
    const attempts = Array.from({ length: 20 }, (_, index) => index);
    // Four at a time: concurrent requests also exercise scaling out to more (cold) instances.
    for (let index = 0; index < attempts.length; index += 4) {
      const batch = attempts
        .slice(index, index + 4)
        .map(() => login(first.url, JSON.stringify({ email, password: 'guess' })));
      expect((await Promise.all(batch)).map((response) => response.status)).toEqual([401, 401, 401, 401]);
    }
    const alarms = (await (await fetch(`${first.url}/_local/alarms`)).json()) as {
      name: string;
      state: string;
      reason: string;
    }[];
    const bruteForce = alarms.find((alarm) => /BruteForce/i.test(alarm.name));
    expect(bruteForce).toMatchObject({ state: 'ALARM', reason: expect.stringMatching(/>= 10 in 5 min/) });
    await waitFor(() => /\[alarm\] ALARM \S*BruteForce/.test(first.output()), 'the alarm line');

    // Listed, not failed: an alarm elsewhere does not make logging unhealthy (nor feed the health alarm).
    const health = await fetch(`${first.url}/health/logs`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'healthy',
      alarms: { in_alarm: expect.arrayContaining([expect.stringMatching(/BruteForce/)]) },
    });

    const metrics = (await (await fetch(`${first.url}/_local/metrics`)).json()) as {
      metricName: string;
      sum: number;
    }[];
    expect(metrics.find((metric) => metric.metricName === 'FailedLogins')?.sum).toBeGreaterThanOrEqual(20);
  }, 60_000);

  it('answers GET /health/logs through the local CloudWatch Logs and CloudWatch endpoints', async () => {
    const response = await fetch(`${first.url}/health/logs`);
    const body = (await response.json()) as { status: string; checks: { name: string; status: string }[] };
    expect(response.status).toBe(200);
    expect(body.status).toBe('healthy');
    expect(body.checks.map((check) => check.name)).toEqual(
      expect.arrayContaining(['log_group_exists', 'retention', 'metric_filters', 'recent_events']),
    );
  });

  it('writes every record to the log group files, with no password or token in them', () => {
    const login = readRecords('aws_lambda_Login');
    const attempts = login.filter((record) => record.message === 'login_attempt');
    expect(attempts.map((record) => [record.outcome, record.reason ?? null])).toEqual(
      expect.arrayContaining([
        ['success', null],
        ['failure', 'bad_password'],
        ['failure', 'unknown_user'],
        ['failure', 'invalid_input'],
      ]),
    );
    const completed = login
      .filter((record) => record.message === 'request_completed')
      .map((record) => record.status_code);
    expect(completed).toEqual(expect.arrayContaining([200, 401, 400]));
    expect(login.find((record) => record.message === 'login_attempt')).toMatchObject({
      category: 'security',
      cold_start: true,
      correlation_id: expect.any(String),
      function_request_id: expect.any(String),
    });
    const text = JSON.stringify(login);
    expect(text).not.toContain(password);
    // a JWT (header.payload.signature, both JSON parts base64url of '{"'); a bare 'eyJ' also occurs by chance
    // inside random base64 request ids
    expect(text).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);

    const health = readRecords('aws_lambda_Health');
    expect(health).toContainEqual(expect.objectContaining({ message: 'system_event', status: 'healthy' }));
    const access = readRecords('cream_HttpAccessLogs');
    expect(access).toContainEqual(
      expect.objectContaining({ httpMethod: 'GET', path: '/nope', status: 404, errorMessage: 'Not Found' }),
    );
    // one request, three ids, all linked: the access line names Lambda's request id, the records API Gateway's
    const request = login.find((record) => record.message === 'request_completed')!;
    const line = access.find((record) => record.requestId === request.api_request_id);
    expect(line).toMatchObject({ lambdaRequestId: request.function_request_id, integrationStatus: '200' });
  });

  it('adds a user to the running stack with users:add --local, who can then log in', async () => {
    const added = spawnSync(
      'npm',
      [
        'run',
        '--silent',
        'users:add',
        '--',
        '--local',
        '--home',
        home,
        '--email',
        'Kim@Example.com',
        '--password-stdin',
      ],
      { cwd: projectRoot, input: 'kims password\n', encoding: 'utf8', timeout: 60_000 },
    );
    expect(added.stderr).toBe('');
    expect(added.stdout).toMatch(
      /^created user kim@example\.com in \S+ \(local, http:\/\/127\.0\.0\.1:\d+\)\n$/,
    );
    expect(added.status).toBe(0);
    const response = await login(
      first.url,
      JSON.stringify({ email: 'kim@example.com', password: 'kims password' }),
    );
    expect(response.status).toBe(200);
  });

  it('models the platform: Lambda, API Gateway and DynamoDB metrics, and Lambda START/REPORT records', async () => {
    const metrics = (await (await fetch(`${first.url}/_local/metrics`)).json()) as {
      namespace: string;
      metricName: string;
      dimensions: Record<string, string>;
      sum: number;
    }[];
    const sum = (namespace: string, metricName: string, match: (d: Record<string, string>) => boolean) =>
      metrics
        .filter((m) => m.namespace === namespace && m.metricName === metricName && match(m.dimensions))
        .reduce((total, m) => total + m.sum, 0);
    const isLogin = (d: Record<string, string>) => /^LoginFunction/.test(d.FunctionName ?? '');
    // so far: 2 good, 1 wrong, 1 unknown and 1 malformed login, the added user's, then the 20 of the burst
    expect(sum('AWS/Lambda', 'Invocations', isLogin)).toBe(26);
    expect(sum('AWS/Lambda', 'Errors', isLogin)).toBe(0);
    // the logins, GET /nope and two GET /health/logs; every 4xx: 22 x 401, 400, 404
    expect(sum('AWS/ApiGateway', 'Count', (d) => d.Stage === undefined)).toBe(29);
    expect(sum('AWS/ApiGateway', '4xx', (d) => d.Stage === undefined)).toBe(24);
    expect(
      metrics.some(
        (m) =>
          m.namespace === 'AWS/DynamoDB' &&
          m.metricName === 'SuccessfulRequestLatency' &&
          m.dimensions.Operation === 'GetItem',
      ),
    ).toBe(true);
    // the layer masked every email: data protection found nothing to count
    expect(sum('AWS/Logs', 'LogEventsWithFindings', () => true)).toBe(0);
    // every security record (login_attempt, token_issued) went to the archive's Firehose stream
    expect(
      sum('AWS/Logs', 'ForwardedLogEvents', (d) => d.DestinationType === 'Firehose'),
    ).toBeGreaterThanOrEqual(26);
    const reports = readRecords('aws_lambda_Login').filter((record) => record.type === 'platform.report');
    expect(reports).toHaveLength(26);
    expect(reports[0]).toMatchObject({ record: { status: 'success', metrics: { memorySizeMB: 1024 } } });
  });

  it("prints each request's lines together in time order", async () => {
    // The console writes after the response is sent: wait for the burst's lines, not for the responses.
    // (The DEBUG records a failure flushes late are ordered the same way: test/local/record-order.test.ts.)
    await waitFor(
      () => (first.stdout().match(/ login_attempt .*reason=bad_password/g) ?? []).length >= 21,
      'the burst lines',
    );
    const line = /^(\d\d):(\d\d):(\d\d)\.(\d{3}) (\w+) .* cid=(\S+)$/;
    const byRequest = new Map<string, { time: number; level: string }[]>();
    for (const text of first.stdout().split('\n')) {
      const match = line.exec(text);
      if (!match) continue;
      const [, h, m, sec, ms, level, cid] = match;
      const time = ((Number(h) * 60 + Number(m)) * 60 + Number(sec)) * 1000 + Number(ms);
      byRequest.set(cid, [...(byRequest.get(cid) ?? []), { time, level }]);
    }
    // a login writes login_attempt and request_completed: one request, several lines
    expect([...byRequest.values()].filter((lines) => lines.length > 1).length).toBeGreaterThan(20);
    for (const lines of byRequest.values()) {
      // Only a request across midnight may go back in the day's clock.
      const backwards = lines.filter(
        (entry, index) => index > 0 && entry.time < lines[index - 1].time - 1000,
      );
      expect(backwards.every((entry) => entry.time < 3_600_000)).toBe(true);
      expect(lines.filter((entry, index) => index > 0 && entry.time < lines[index - 1].time)).toEqual(
        backwards,
      );
    }
  });

  it('stops cleanly on Ctrl-C and leaves no process behind', async () => {
    expect(await stop(first, 'SIGINT')).toEqual([]);
    expect(first.output()).toContain('[cream] stopped');
  }, 20_000);

  it('reuses its state on a second start; with --json stdout is JSON only, alarm changes included', async () => {
    const second = await start(0, false, /Press Ctrl-C to stop/, {
      args: ['--json'],
      env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: '1' },
    });
    started.push(second);
    expect(second.stderr()).toContain(`password: ${password}`);
    expect(second.stderr()).not.toContain('(created)');
    expect((await login(second.url, JSON.stringify({ email, password }))).status).toBe(200);
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await login(second.url, JSON.stringify({ email, password: 'guess' }))).status).toBe(401);
    }
    await waitFor(() => second.stdout().includes('"alarm_state_change"'), 'the alarm event on stdout');
    await waitFor(() => second.stderr().includes('[alarm]'), 'the alarm line on stderr');

    const lines = second.stdout().trim().split('\n');
    const parsed = lines.map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(parsed).toContainEqual(expect.objectContaining({ message: 'login_attempt', outcome: 'success' }));
    expect(parsed).toContainEqual(
      expect.objectContaining({
        type: 'alarm_state_change',
        state: 'ALARM',
        alarmName: expect.stringMatching(/BruteForce/),
      }),
    );
    // Everything for a person is on stderr, colored as FORCE_COLOR asks even though it is a pipe.
    expect(second.stderr()).toMatch(/\[alarm\].*ALARM/);
    expect(second.stderr()).toContain('\u001b[');
    expect(second.stdout()).not.toContain('\u001b');

    const port = Number(new URL(second.url).port);
    const busy = await start(port, false, /already in use/);
    started.push(busy);
    expect(await busy.exited).toBe(1);
    expect(busy.output()).toContain(`Port ${port} is already in use`);

    expect(await stop(second, 'SIGTERM')).toEqual([]);
    expect(second.output()).toContain('[cream] stopped');
  }, 60_000);
});
