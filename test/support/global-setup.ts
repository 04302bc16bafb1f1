import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cdkOutVariable, projectRoot, runDirVariable, runPaths, toolCaches } from './test-run';

/** Untracked files of the repository (ignored ones excluded), to tell afterwards which ones the run created. */
export const untrackedFiles = (): string[] => {
  try {
    return execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
      cwd: projectRoot,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((line) => line.startsWith('?? '))
      .map((line) => line.slice(3));
  } catch {
    // not a git checkout (an unpacked tarball): nothing to compare
    return [];
  }
};

/**
 * Once per jest run, before any test (both projects name this file; jest runs it once): the run's own temp
 * folder with a TMPDIR inside it, and the place of the shared synthesis (test/support/shared-synth.ts).
 * What the run leaves behind is checked by global-teardown.ts.
 */
export default async function globalSetup(): Promise<void> {
  // Watch mode runs setup again after each teardown, which removed the folder: start over.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-test-run-'));
  const paths = runPaths(root);
  fs.mkdirSync(paths.tmp);
  for (const cache of toolCaches()) {
    const shared = path.join(os.tmpdir(), cache);
    fs.mkdirSync(shared, { recursive: true });
    fs.symlinkSync(shared, path.join(paths.tmp, cache));
  }
  process.env[runDirVariable] = root;
  process.env[cdkOutVariable] = paths.cdkOut;
  // Kept for the teardown, which restores it: jest's own process goes on after the run in watch mode.
  process.env.CREAM_TEST_ORIGINAL_TMPDIR = process.env.TMPDIR ?? '';
  process.env.TMPDIR = paths.tmp;
  fs.writeFileSync(path.join(root, 'untracked-before.json'), JSON.stringify(untrackedFiles()));
}
