import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { Job, Result } from './protocol';

/**
 * Runs one worker child with the given Node binary (one the layer declares, never whatever `node` is on PATH)
 * and its stdout sent to `stdoutPath` (a file or /dev/null). Resolves with what the child wrote to fd 3.
 */
export const runWorker = (
  execPath: string,
  workerPath: string,
  job: Job,
  stdoutPath: string,
  env: NodeJS.ProcessEnv,
): Promise<Result> => {
  const out = openSync(stdoutPath, 'w');
  const child = spawn(execPath, [workerPath, JSON.stringify(job)], {
    stdio: ['ignore', out, 'pipe', 'pipe'],
    env,
  });
  const result: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdio[3]?.on('data', (chunk: Buffer) => result.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      closeSync(out);
      const text = Buffer.concat(result).toString();
      if (code !== 0 || text === '') {
        const detail = Buffer.concat(stderr).toString().slice(0, 2000);
        reject(new Error(`worker ${workerPath} (${JSON.stringify(job)}) exited ${code}: ${detail}`));
        return;
      }
      resolve(JSON.parse(text) as Result);
    });
  });
};
