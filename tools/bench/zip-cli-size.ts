import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Size of `zip -r -9 -X` of `dir` when the `zip` binary is on PATH (undefined otherwise): a cross-check of the
 * computed figure, since the CDK asset zip is written by a different writer.
 */
export const zipCliSize = (dir: string): number | undefined => {
  const scratch = mkdtempSync(join(tmpdir(), 'cream-zip-'));
  const archive = join(scratch, 'layer.zip');
  try {
    execFileSync('zip', ['-r', '-9', '-X', '-q', archive, '.'], { cwd: dir, stdio: 'ignore' });
    return statSync(archive).size;
  } catch {
    return undefined;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
};
