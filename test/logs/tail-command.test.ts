import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { CommandIo } from '../../tools/logs/command';
import { runTailCommand } from '../../tools/logs/tail-command';
import { sharedSynthTimeoutMs } from '../support/shared-synth';
import { createWorkspace, layerRecord, type Workspace } from './helpers';

/**
 * `logs tail` over the local store: history with --since, then lines as they are appended, filtered with a
 * filter pattern; and as a process, it ends cleanly on SIGINT/SIGTERM and when its stdout closes.
 */
let ws: Workspace;
const projectRoot = path.resolve(__dirname, '../..');

const children: ChildProcess[] = [];

beforeAll(async () => {
  ws = await createWorkspace();
  // waits for the run's shared synthesis (test/support/shared-synth.ts)
}, sharedSynthTimeoutMs);
afterAll(() => {
  // Only after a failed test: no tail of ours may outlive the suite.
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  ws.cleanup();
});

const waitFor = async (condition: () => boolean, what: string, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const attempt = (time: number, outcome: string, user: string) =>
  layerRecord(time, {
    message: 'login_attempt',
    category: 'security',
    outcome,
    user,
    correlation_id: `c-${user}`,
  });

describe('logs tail', () => {
  it('prints recent history (--since) in time order, then appended lines, only those the pattern matches', async () => {
    const now = Date.now();
    ws.store.append(ws.groups.login, 's', attempt(now - 3_600_000, 'failure', 'too-old'), 0, now);
    ws.store.append(ws.groups.login, 's', attempt(now - 60_000, 'failure', 'history'), 0, now);
    ws.store.append(ws.groups.login, 's', attempt(now - 50_000, 'success', 'history-ok'), 0, now);
    let stdout = '';
    const io: CommandIo = {
      stdin: Readable.from([]),
      stdout: (text) => {
        stdout += text;
      },
      stderr: () => undefined,
    };
    const controller = new AbortController();

    const exit = runTailCommand(
      [
        '--since',
        '10m',
        '--group',
        'login',
        '--filter-pattern',
        '{ $.outcome = "failure" }',
        '--home',
        ws.home,
        '--cdk-out',
        ws.cdkOut,
      ],
      io,
      { signal: controller.signal },
    );
    await waitFor(() => stdout.includes('c-history'), 'the history');
    ws.store.append(ws.groups.login, 's', attempt(Date.now(), 'success', 'live-ok'), 0);
    ws.store.append(ws.groups.login, 's', attempt(Date.now(), 'failure', 'live'), 0);
    await waitFor(() => stdout.includes('c-live'), 'the appended line');
    controller.abort();

    expect(await exit).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      / INFO {2}security {4}login login_attempt outcome=failure user=history cid=c-history$/,
    );
    expect(lines[1]).toContain('cid=c-live');
    expect(stdout).not.toMatch(/too-old|-ok/);
  });

  it('refuses an invalid filter pattern with the problem, exit 1', async () => {
    let stderr = '';
    const io: CommandIo = {
      stdin: Readable.from([]),
      stdout: () => undefined,
      stderr: (text) => {
        stderr += text;
      },
    };
    const status = await runTailCommand(['--filter-pattern', '{ $.x = ', '--cdk-out', ws.cdkOut], io, {
      signal: new AbortController().signal,
    });
    expect(status).toBe(1);
    expect(stderr).toMatch(/^error: invalid filter pattern: /);
  });

  const spawnTail = (args: string[]) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tools/logs-cli.ts', 'tail', '--home', ws.home, '--cdk-out', ws.cdkOut, ...args],
      { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    return { child, exited, stdout: () => stdout, stderr: () => stderr };
  };

  it.each([['SIGINT'], ['SIGTERM']] as const)(
    'exits 0 on %s, with nothing on stderr but its banner',
    async (signal) => {
      const tail = spawnTail(['--json']);
      await waitFor(() => tail.stderr().includes('Ctrl-C to stop'), 'the tail to start');
      tail.child.kill(signal);
      expect(await tail.exited).toBe(0);
      expect(tail.stderr()).toMatch(/^following .*\(Ctrl-C to stop\)\n$/);
    },
    30_000,
  );

  it('exits 0 without a stack trace when its stdout closes (| head)', async () => {
    const tail = spawnTail(['--json', '--since', '1d']);
    await waitFor(() => tail.stdout().length > 0, 'a first line');
    tail.child.stdout.destroy();
    // The next line finds the pipe closed.
    ws.store.append(ws.groups.login, 's', attempt(Date.now(), 'failure', 'after-close'), 0);
    ws.store.append(ws.groups.login, 's', attempt(Date.now(), 'failure', 'after-close-2'), 0);
    expect(await tail.exited).toBe(0);
    expect(tail.stderr()).toMatch(/^following .*\(Ctrl-C to stop\)\n$/);
  }, 30_000);
});
