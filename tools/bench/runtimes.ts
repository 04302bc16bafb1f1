import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** A Node binary the layer declares (nodejs22.x, nodejs24.x); the bench runs every variant on each, side by side. */
export interface Runtime {
  readonly id: 'node24' | 'node22';
  readonly label: string;
  readonly execPath: string;
}

const repoRoot = join(__dirname, '..', '..');
/** Installed by `npm ci` from tools/node22 (its own package, so it does not shadow Node 24 in node_modules/.bin). */
const node22 = join(repoRoot, 'tools', 'node22', 'node_modules', 'node', 'bin', 'node');

/** The runtimes to measure: the orchestrator's own Node (24, the project's) and Node 22 when installed. */
export const benchRuntimes = (): { runtimes: Runtime[]; missing?: string } => {
  const runtimes: Runtime[] = [
    { id: 'node24', label: `Node ${process.versions.node}`, execPath: process.execPath },
  ];
  if (!existsSync(node22)) return { runtimes, missing: `${node22} not found (run npm ci)` };
  const version = execFileSync(node22, ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '');
  runtimes.push({ id: 'node22', label: `Node ${version}`, execPath: node22 });
  return { runtimes };
};
