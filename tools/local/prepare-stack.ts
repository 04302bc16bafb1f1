import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildLayer } from '../../layer/build';
import { loadStackModel, type StackModel } from '../cloud-assembly';

export class PrepareError extends Error {
  override readonly name = 'PrepareError';
}

/** Synths in progress, each the leader of its own process group (the CLI, the app, esbuild). */
const running = new Set<ChildProcess>();

/** Kills every synth in progress with its whole process tree; it then fails with "cdk synth failed". */
export const stopSyntheses = (): void => {
  for (const child of running) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
};

/**
 * Runs `cdk synth --quiet` into `cdkOutDir` on this Node, with the project's bin directory first on PATH so
 * the app command (`tsx bin/app.ts`) and esbuild resolve as under `npx`. Output is kept and shown only on
 * failure: a passing synth has nothing to say. The synth runs in its own process group so that stopping the
 * runtime (`stopSyntheses`, or this process exiting) ends the CLI and the app it started, not just the CLI.
 */
export const synthesize = (projectRoot: string, cdkOutDir: string): Promise<void> => {
  const cli = path.join(projectRoot, 'node_modules', 'aws-cdk', 'bin', 'cdk');
  const bin = path.join(projectRoot, 'node_modules', '.bin');
  const child = spawn(process.execPath, [cli, 'synth', '--quiet', '--output', cdkOutDir], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
      CDK_DISABLE_VERSION_CHECK: '1',
      // The CLI's own update and telemetry checks would reach for the network.
      CDK_CLI_TELEMETRY: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (running.size === 0) process.on('exit', stopSyntheses);
  running.add(child);
  const output: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      running.delete(child);
      reject(new PrepareError(`cdk synth could not start: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      running.delete(child);
      if (running.size === 0) process.off('exit', stopSyntheses);
      if (code === 0) return resolve();
      const text = Buffer.concat(output).toString('utf8').trim();
      reject(new PrepareError(`cdk synth failed (${signal ?? `exit ${code}`}):\n${text}`));
    });
  });
};

export interface PreparedStack {
  readonly model: StackModel;
  /** Layer directories used for functions whose layer has no asset in cdk.out (a layer from elsewhere). */
  readonly fallbackLayerDirs: readonly string[];
}

/**
 * The stack as it would deploy: synthesized (or the existing assembly reused), loaded into the typed model,
 * and each function's bundle checked. A function attached to a layer that is not in the assembly gets the
 * project's own layer, built into `<home>/layer`, in its place.
 */
export const prepareStack = async (options: {
  readonly projectRoot: string;
  readonly cdkOutDir: string;
  readonly home: string;
  readonly synth: boolean;
}): Promise<PreparedStack> => {
  const manifest = path.join(options.cdkOutDir, 'manifest.json');
  if (options.synth) await synthesize(options.projectRoot, options.cdkOutDir);
  else if (!fs.existsSync(manifest)) {
    throw new PrepareError(`--no-synth: no cloud assembly at ${options.cdkOutDir} (run npm run synth first)`);
  }
  const model = loadStackModel(options.cdkOutDir);
  for (const fn of model.functions) {
    if (!fn.codeAssetPath || !fs.existsSync(fn.codeAssetPath)) {
      throw new PrepareError(
        `${fn.functionName}: its code asset is not in ${options.cdkOutDir}; synthesize with bundling`,
      );
    }
  }
  const needsLayer = model.functions.some((fn) => fn.layers.some((layer) => !layer.assetPath));
  if (!needsLayer) return { model, fallbackLayerDirs: [] };
  const layerDir = path.join(options.home, 'layer');
  buildLayer(layerDir);
  return { model, fallbackLayerDirs: [layerDir] };
};
