import { fork } from 'node:child_process';
import path from 'node:path';
import type { RunnerInput, RunnerOutput } from './protocol';

const runnerPath = path.join(__dirname, 'function-runner.ts');
const repoRoot = path.resolve(__dirname, '../..');

/**
 * Runs one function's invocations in a child process: each function gets its own module registry and
 * `process.env`, as it would in its own Lambda execution environment (the layer keeps per-process state
 * such as the service name and the cold-start flag, which two functions must not share).
 */
export const runFunction = (input: RunnerInput): Promise<Extract<RunnerOutput, { type: 'done' }>> =>
  new Promise((resolve, reject) => {
    const child = fork(runnerPath, [], {
      cwd: repoRoot,
      execArgv: ['--import', 'tsx'],
      // Only what a Lambda environment has, plus PATH; never the caller's AWS settings or credentials.
      env: { PATH: process.env.PATH ?? '', ...input.environment },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let settled = false;
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('message', (message) => {
      settled = true;
      const output = message as RunnerOutput;
      if (output.type === 'done') resolve(output);
      else reject(new Error(`${input.role} runner failed: ${output.message}`));
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!settled)
        reject(
          new Error(`${input.role} runner exited with ${code} before reporting:\n${stderr.slice(-4000)}`),
        );
    });
    child.send(input);
  });
