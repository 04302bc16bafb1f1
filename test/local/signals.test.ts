import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sharedCdkOut, sharedSynthTimeoutMs } from '../support/shared-synth';

/**
 * Stopping `npm start` however it is asked, as a user does it (`npm start &` then `kill $!`), through npm
 * itself: the port is free within 10 s and no process of the tree (npm, the runtime, its function workers)
 * is left, even when npm or the runtime is killed with SIGKILL and cannot clean up.
 */
const projectRoot = path.resolve(__dirname, '../..');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-signals-'));
let cdkOut = '';
const StopDeadlineMs = 10_000;
// Each case starts npm start (its banner waited for up to 60 s on a loaded machine), then stops it (10 s).
jest.setTimeout(120_000);

interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly args: string;
}

/** Live (not zombie) processes. */
const processes = (): Proc[] =>
  execFileSync('ps', ['-e', '-o', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && !match[3].startsWith('Z'))
    .map((match) => ({ pid: Number(match[1]), ppid: Number(match[2]), args: match[4] }));

const treeOf = (root: number): Proc[] => {
  const all = processes();
  const tree = all.filter((proc) => proc.pid === root);
  for (let index = 0; index < tree.length; index++) {
    tree.push(...all.filter((proc) => proc.ppid === tree[index].pid));
  }
  return tree;
};

const portIsFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

/** Polls for a state instead of sleeping a fixed time; the deadline is the product's promise. */
const waitUntil = async (
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
};

const children: ChildProcess[] = [];

/**
 * `npm start` as a user runs it, in its own process group so nothing of it can hide from the test. Port 0
 * lets the runtime bind any free port (a port probed free beforehand could be taken by the time it binds).
 */
const npmStart = async () => {
  const home = fs.mkdtempSync(path.join(workDir, 'home-'));
  const args = [
    'start',
    '--',
    '--no-synth',
    '--no-watch',
    '--cdk-out',
    cdkOut,
    '--home',
    home,
    '--port',
    '0',
  ];
  const npm = spawn('npm', args, {
    cwd: projectRoot,
    detached: true,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(npm);
  let output = '';
  npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  let port = 0;
  // Whether the port was already free the moment npm exited: `kill $!; wait $!; npm start` then just works.
  const freeWhenNpmExited = new Promise<boolean>((resolve) =>
    npm.on('exit', () => {
      exited = true;
      void portIsFree(port).then(resolve);
    }),
  );
  // 'close': npm has exited and every process holding its output pipes (the runtime) has closed them.
  const closed = new Promise<void>((resolve) => npm.on('close', () => resolve()));
  const ready = await waitUntil(() => output.includes('Press Ctrl-C to stop') || exited, 60_000);
  if (!ready || exited) throw new Error(`npm start did not come up:\n${output}`);
  port = Number(/running locally at http:\/\/localhost:(\d+)/.exec(output)?.[1]);
  // A request, so that the tree has a function worker too.
  const response = await fetch(`http://127.0.0.1:${port}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"email":"nobody@example.com","password":"guess"}',
  });
  expect(response.status).toBe(401);
  return { npm, port, output: () => output, closed, freeWhenNpmExited };
};

beforeAll(async () => {
  cdkOut = await sharedCdkOut();
  // waits for the run's shared synthesis (test/support/shared-synth.ts)
}, sharedSynthTimeoutMs);

afterAll(() => {
  for (const child of children) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is already empty, as it should be
    }
  }
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('stopping npm start', () => {
  it.each([
    // graceful: the runtime stops in order; npmWaits: npm outlives the runtime, so its exit means "port free".
    ["SIGTERM to npm's pid", 'npm', 'SIGTERM', { graceful: true, npmWaits: true }],
    ["SIGINT to npm's pid", 'npm', 'SIGINT', { graceful: true, npmWaits: true }],
    ['SIGKILL to npm (nothing forwarded)', 'npm', 'SIGKILL', { graceful: true, npmWaits: false }],
    ['SIGKILL to the runtime (workers orphaned)', 'runtime', 'SIGKILL', { graceful: false, npmWaits: false }],
  ] as const)(
    '%s frees the port within 10 s and leaves no process of the tree',
    async (_name, target, signal, { graceful, npmWaits }) => {
      // Prepare
      const run = await npmStart();
      const { port } = run;
      const tree = treeOf(run.npm.pid!);
      const runtime = tree.find((proc) => proc.args.includes('tools/local/start.ts'));
      expect(runtime).toBeDefined();
      expect(tree.some((proc) => proc.args.includes('function-worker.cjs'))).toBe(true);

      // Act
      process.kill(target === 'npm' ? run.npm.pid! : runtime!.pid, signal);

      // Assess
      expect(await waitUntil(() => portIsFree(port), StopDeadlineMs)).toBe(true);
      const alive = () => {
        const live = new Set(processes().map((proc) => proc.pid));
        return tree.filter((proc) => live.has(proc.pid));
      };
      expect(await waitUntil(() => alive().length === 0, StopDeadlineMs)).toBe(true);
      expect(alive()).toEqual([]);
      await run.closed;
      if (npmWaits) expect(await run.freeWhenNpmExited).toBe(true);
      if (graceful)
        expect(run.output()).toMatch(
          /\[cream\] (SIGTERM|SIGINT|parent process \d+ exited): stopping\n[\s\S]*\[cream\] stopped/,
        );
    },
    90_000,
  );
});
