import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** This repository, the one copied. */
export const repoRoot = path.resolve(__dirname, '../..');

/** What is not source: installed packages (linked instead), git, build output, local state. */
const skipped = new Set(['node_modules', '.git', '.cream', 'coverage', 'bench-results', 'test-results']);
const isSkipped = (relative: string): boolean => {
  const base = path.basename(relative);
  return skipped.has(base) || base.startsWith('cdk.out') || relative === path.join('layer', 'dist');
};

/**
 * The project's sources copied into a fresh temp dir, with the repository's node_modules linked in (packages
 * resolve exactly as here, in seconds instead of an install). The caller removes it.
 */
export const copyProject = (): string => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-new-function-'));
  fs.cpSync(repoRoot, copy, {
    recursive: true,
    filter: (source) => source === repoRoot || !isSkipped(path.relative(repoRoot, source)),
  });
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  return copy;
};

/** Every source file of a project (as `copyProject` sees them) with a hash of its content. */
export const treeOf = (root: string): Map<string, string> => {
  const tree = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full);
      if (isSkipped(relative)) continue;
      if (entry.isDirectory()) walk(full);
      else tree.set(relative, createHash('sha1').update(fs.readFileSync(full)).digest('hex'));
    }
  };
  walk(root);
  return tree;
};

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/**
 * A Node script of the project (`[--import tsx] file args...`) run in `cwd` on this Node, output captured.
 * Jest's worker variables are dropped so a jest started here behaves as one started from a shell.
 */
export const runNode = (cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> => {
  const { JEST_WORKER_ID: _worker, ...inherited } = process.env;
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...args], {
    cwd,
    env: { ...inherited, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) =>
      resolve({ status, stdout, stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9 }),
    );
  });
};

/** `npm run new:function -- <args>` in the project at `cwd`, as its package.json script runs it. */
export const newFunction = (cwd: string, args: readonly string[]): Promise<Run> =>
  runNode(cwd, ['--import', 'tsx', 'tools/new-function/cli.ts', ...args]);
