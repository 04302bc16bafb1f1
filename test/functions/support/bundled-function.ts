import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const repoRoot = join(__dirname, '..', '..', '..');
const run = promisify(execFile);

/**
 * Invokes the handler once per event, in order, in one process (warm invocations after the first), the way the
 * Lambda Node runtime does: `require` the bundle, call `handler(event, context)`, await the result. Results go to
 * a file so stdout carries nothing but what the function itself wrote.
 */
const runnerSource = `
const { readFileSync, writeFileSync } = require('node:fs');
const { randomUUID } = require('node:crypto');
const { handler } = require(process.env.BUNDLE_PATH);
const events = JSON.parse(readFileSync(process.env.EVENTS_PATH, 'utf8'));
(async () => {
  const results = [];
  for (const event of events) {
    const deadline = Date.now() + 10000;
    const context = {
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME, functionVersion: '$LATEST', memoryLimitInMB: '256',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:' + process.env.AWS_LAMBDA_FUNCTION_NAME,
      awsRequestId: randomUUID(), logGroupName: '/aws/lambda/' + process.env.AWS_LAMBDA_FUNCTION_NAME,
      logStreamName: 'local', callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    };
    results.push(await handler(event, context));
  }
  writeFileSync(process.env.RESULTS_PATH, JSON.stringify(results));
})().catch((error) => { process.stderr.write(String(error && error.stack)); process.exitCode = 1; });
`;

export interface BundledFunction {
  /** Runs the events in a fresh `node` process; returns the handler results and every stdout line. */
  invoke(
    events: readonly object[],
    env: Readonly<Record<string, string>>,
  ): Promise<{ results: unknown[]; stdout: string }>;
  dispose(): void;
}

/** The layer as Lambda mounts it: `npm run build`'s output when present, else built here into the temp dir. */
const layerNodeModules = async (workDir: string): Promise<string> => {
  const built = join(repoRoot, 'layer', 'dist', 'nodejs', 'node_modules');
  if (existsSync(join(built, '@cream', 'logging', 'index.js'))) return built;
  const { buildLayer } = await import('../../../layer/build');
  buildLayer(join(workDir, 'layer'));
  return join(workDir, 'layer', 'nodejs', 'node_modules');
};

/**
 * Bundles a function entry as the stack does (esbuild, cjs, `@cream/logging` and `@aws-sdk/*` external) and
 * runs it in a child Node with NODE_PATH = layer + the project's node_modules (standing in for the SDK the
 * Lambda runtime provides).
 */
export const bundleFunction = async (entry: string): Promise<BundledFunction> => {
  const workDir = mkdtempSync(join(tmpdir(), 'cream-fn-'));
  const bundlePath = join(workDir, 'index.js');
  await build({
    absWorkingDir: repoRoot,
    entryPoints: [join(repoRoot, entry)],
    outfile: bundlePath,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['@cream/logging', '@aws-sdk/*'],
    logLevel: 'error',
  });
  const runnerPath = join(workDir, 'runner.cjs');
  writeFileSync(runnerPath, runnerSource);
  const nodePath = [await layerNodeModules(workDir), join(repoRoot, 'node_modules')].join(delimiter);
  let invocation = 0;

  return {
    async invoke(events, env) {
      const eventsPath = join(workDir, `events-${++invocation}.json`);
      const resultsPath = join(workDir, `results-${invocation}.json`);
      writeFileSync(eventsPath, JSON.stringify(events));
      const { stdout } = await run(process.execPath, [runnerPath], {
        cwd: workDir,
        // Only what Lambda would set: no inherited AWS_PROFILE or real credentials can leak into the child.
        env: {
          PATH: process.env.PATH ?? '',
          NODE_PATH: nodePath,
          BUNDLE_PATH: bundlePath,
          EVENTS_PATH: eventsPath,
          RESULTS_PATH: resultsPath,
          AWS_EC2_METADATA_DISABLED: 'true',
          ...env,
        },
        timeout: 60_000,
        killSignal: 'SIGKILL',
        maxBuffer: 16 * 1024 * 1024,
      });
      return { results: JSON.parse(readFileSync(resultsPath, 'utf8')) as unknown[], stdout };
    },
    dispose() {
      rmSync(workDir, { recursive: true, force: true });
    },
  };
};
