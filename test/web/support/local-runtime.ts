import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const projectRoot = path.resolve(__dirname, '../../..');

export interface LocalRuntime {
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<number | null>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/**
 * `npm start` as a user runs it (tools/local/start.ts in one Node process with tsx's loader), on a free port
 * with its state in `home`; resolves once the banner is printed. Synthesizes into `cdkOut` unless it already
 * holds an assembly.
 */
export const startLocalRuntime = async (
  home: string,
  cdkOut: string,
  synth: boolean,
): Promise<LocalRuntime> => {
  const port = await freePort();
  const args = ['--import', 'tsx', 'tools/local/start.ts', '--port', String(port), '--home', home];
  const child: ChildProcess = spawn(
    process.execPath,
    [...args, '--cdk-out', cdkOut, ...(synth ? [] : ['--no-synth'])],
    { cwd: projectRoot, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (/Press Ctrl-C to stop/.test(output)) {
        child.stdout?.off('data', check);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => reject(new Error(`npm start exited (${code}) before its banner:\n${output}`)));
  });
  return {
    url: `http://localhost:${port}`,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
};
