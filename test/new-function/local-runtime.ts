import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
  /** Resolves with the exit code once every byte of output is read. */
  readonly exited: Promise<number | null>;
}

/** Polls `condition` until it holds; generous deadline, since the machine may be loaded. */
export const waitUntil = async (
  condition: () => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/**
 * `npm start -- --port 0 --no-watch --no-synth` in the project (the entry point npm start runs), in its own
 * process group; resolves once the banner says it is ready and names its port.
 */
export const startLocal = async (projectRoot: string): Promise<Running> => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tools/local/start.ts', '--port', '0', '--no-watch', '--no-synth'],
    {
      cwd: projectRoot,
      detached: true,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let closed = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      closed = true;
      resolve(code);
    }),
  );
  await waitUntil(() => closed || /Press Ctrl-C to stop/.test(output), 'the npm start banner');
  const port = /running locally at http:\/\/localhost:(\d+)/.exec(output)?.[1];
  if (closed || !port) throw new Error(`npm start did not come up:\n${output}`);
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
};

/** Ctrl-C for the whole group, as a terminal sends it; resolves with the exit code. */
export const stopLocal = async (running: Running): Promise<number | null> => {
  if (running.child.exitCode === null && running.child.pid) process.kill(-running.child.pid, 'SIGINT');
  return running.exited;
};

/** Every record the local runtime stored under `<home>/logs`, parsed. */
export const storedRecords = (home: string): Record<string, unknown>[] => {
  const logs = path.join(home, 'logs');
  if (!fs.existsSync(logs)) return [];
  return fs.readdirSync(logs).flatMap((group) =>
    fs
      .readdirSync(path.join(logs, group))
      .filter((file) => file.endsWith('.jsonl'))
      // the last piece is '' or a line still being written
      .flatMap((file) =>
        fs
          .readFileSync(path.join(logs, group, file), 'utf8')
          .split('\n')
          .slice(0, -1),
      )
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>),
  );
};
