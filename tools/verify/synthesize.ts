import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');

export interface SynthesizeOptions {
  /** Another app command than cdk.json's, e.g. one that passes stack props (`tsx path/to/app.ts`). */
  readonly app?: string;
  /** `--context key=value` pairs for the app. */
  readonly context?: Readonly<Record<string, string>>;
}

/**
 * `cdk synth --quiet` into a fresh temporary directory, through the project's own CDK CLI (no credentials,
 * version check off). Returns the cloud assembly directory; the caller removes it.
 */
export const synthesize = (
  outDir = mkdtempSync(path.join(tmpdir(), 'cream-verify-')),
  options: SynthesizeOptions = {},
): Promise<string> =>
  new Promise((resolve, reject) => {
    const cli = path.join(repoRoot, 'node_modules', 'aws-cdk', 'bin', 'cdk');
    const args = [cli, 'synth', '--quiet', '--output', outDir];
    if (options.app) args.push('--app', options.app);
    for (const [key, value] of Object.entries(options.context ?? {}))
      args.push('--context', `${key}=${value}`);
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(outDir)
        : reject(new Error(`cdk synth failed (exit ${code}):\n${output.slice(-4000)}`)),
    );
  });
