import fs from 'node:fs';
import path from 'node:path';
import { untrackedFiles } from './global-setup';
import { cdkOutVariable, runDirVariable, runPaths, toolCaches } from './test-run';

/**
 * After the run: no test may leave files behind, in the temp dir (the run's TMPDIR, see global-setup.ts) or in
 * the repository (new untracked files; ignored ones such as test-results/ are allowed). The run's folder goes
 * in any case; what was left fails the run, named, so the test that leaked it can be found.
 */
export default async function globalTeardown(): Promise<void> {
  const root = process.env[runDirVariable];
  if (!root) return;
  const paths = runPaths(root);
  const leftInTmp = fs
    .readdirSync(paths.tmp)
    .filter((name) => !toolCaches().includes(name))
    .map((name) => `$TMPDIR/${name}`);
  const before = new Set(JSON.parse(fs.readFileSync(path.join(root, 'untracked-before.json'), 'utf8')));
  const leftInRepo = untrackedFiles().filter((file) => !before.has(file));

  fs.rmSync(root, { recursive: true, force: true });
  delete process.env[runDirVariable];
  delete process.env[cdkOutVariable];
  const original = process.env.CREAM_TEST_ORIGINAL_TMPDIR;
  if (original) process.env.TMPDIR = original;
  else delete process.env.TMPDIR;
  delete process.env.CREAM_TEST_ORIGINAL_TMPDIR;

  const left = [...leftInTmp, ...leftInRepo];
  if (left.length > 0) {
    throw new Error(`the tests left files behind (remove them in an afterAll):\n  ${left.join('\n  ')}`);
  }
}
