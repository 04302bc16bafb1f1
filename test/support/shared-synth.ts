import fs from 'node:fs';
import path from 'node:path';
import { readCdkOut } from '../../tools/cloud-assembly';
import { synthesize } from '../../tools/local/prepare-stack';
import { cdkOutVariable, projectRoot, runDirVariable, runPaths } from './test-run';

/**
 * The project's stack synthesized once per jest run, the way `npm start` and `logs verify` synthesize it
 * (`cdk synth` of bin/app.ts, bundled, cdk-nag on), for every suite that only reads the assembly: the local
 * runtime, verify, the logs CLI, the template checks. A suite that needs other props or context (alarm
 * thresholds, a copied project) or the construct tree synthesizes its own.
 *
 * On first use, not in global-setup.ts: a run that needs no assembly (one unit file, the Node 22 layer pass)
 * pays nothing. The first test process to ask takes a lock file and synthesizes; the others wait for the
 * status file it writes. So callers wait up to minutes on a loaded machine: give the hook a long timeout.
 */

/** A synthesis takes 10-30 s; a 2-core machine shared with other runs has been seen to need several times that. */
export const sharedSynthTimeoutMs = 240_000;
const pollMs = 100;

interface Status {
  readonly ok: boolean;
  readonly error?: string;
}

const writeStatus = (file: string, status: Status): void => {
  // Written whole, then renamed: a waiting process never reads half a file.
  fs.writeFileSync(`${file}.partial`, JSON.stringify(status));
  fs.renameSync(`${file}.partial`, file);
};

const readStatus = (file: string): Status | undefined =>
  fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Status) : undefined;

let mine: Promise<string> | undefined;

/** The cloud assembly directory of this run's synthesis; synthesizes it if no test process has yet. */
export const sharedCdkOut = (): Promise<string> => {
  mine ??= obtain();
  return mine;
};

const obtain = async (): Promise<string> => {
  const root = process.env[runDirVariable];
  if (!root || process.env[cdkOutVariable] === undefined) {
    throw new Error(
      `${runDirVariable} is not set: run the tests through jest with jest.config.js (test/support/global-setup.ts sets it)`,
    );
  }
  const paths = runPaths(root);
  let leader = false;
  try {
    fs.closeSync(fs.openSync(paths.synthLock, 'wx'));
    leader = true;
  } catch {
    // another test process is synthesizing: wait for its status below
  }
  if (leader) {
    try {
      await synthesize(projectRoot, paths.cdkOut);
      writeStatus(paths.synthStatus, { ok: true });
    } catch (error) {
      writeStatus(paths.synthStatus, { ok: false, error: (error as Error).message });
    }
  }
  const deadline = Date.now() + sharedSynthTimeoutMs;
  for (;;) {
    const status = readStatus(paths.synthStatus);
    if (status?.ok) return paths.cdkOut;
    if (status) throw new Error(`the shared synthesis failed: ${status.error}`);
    if (Date.now() > deadline) {
      throw new Error(
        `no shared synthesis after ${sharedSynthTimeoutMs / 1000} s (${paths.synthLock} taken)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
};

export interface SharedStack {
  readonly cdkOut: string;
  readonly stackName: string;
  /** The template as written to cdk.out (parsed JSON). */
  readonly template: ReturnType<typeof readCdkOut>['template'];
  readonly templatePath: string;
}

/** The shared assembly's one stack: name, template and template file. */
export const sharedStack = async (): Promise<SharedStack> => {
  const cdkOut = await sharedCdkOut();
  const { stackName, template } = readCdkOut(cdkOut);
  const manifest = JSON.parse(fs.readFileSync(path.join(cdkOut, 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
  };
  const [id, artifact] = Object.entries(manifest.artifacts).find(
    ([, candidate]) => candidate.type === 'aws:cloudformation:stack',
  )!;
  const templatePath = path.join(cdkOut, artifact.properties?.templateFile ?? `${id}.template.json`);
  return { cdkOut, stackName, template, templatePath };
};
