import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

const repoRoot = path.resolve(__dirname, '../..');
/** Inside the repository so the bundle's `@aws-sdk/*` requires resolve to the copies the fakes mock. */
const cacheDir = path.join(repoRoot, 'node_modules', '.cache', 'cream-verify');

/**
 * Bundles a handler's SOURCE (not the cdk.out asset, which may be stale) with the layer source into one
 * CommonJS file that exports the handler and the layer's `setLogSink`, so both share one layer instance.
 * Why bundle at all: Middy and jose ship ESM only, which tsx's CommonJS mode cannot require; esbuild does
 * what CDK's NodejsFunction does. `@aws-sdk/*` and `@smithy/*` stay external, as in Lambda, so
 * aws-sdk-client-mock in the runner patches the very classes the handler uses.
 */
export const bundleHandler = (source: string, name: string): string => {
  mkdirSync(cacheDir, { recursive: true });
  const outfile = path.join(cacheDir, `${name}-${process.pid}.cjs`);
  buildSync({
    stdin: {
      contents: [
        `export { handler } from ${JSON.stringify(source)};`,
        `export { setLogSink } from '@cream/logging';`,
      ].join('\n'),
      resolveDir: repoRoot,
      sourcefile: `${name}-verify-entry.ts`,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['@aws-sdk/*', '@smithy/*'],
    tsconfig: path.join(repoRoot, 'tsconfig.json'),
    sourcemap: 'inline',
    outfile,
    logLevel: 'silent',
  });
  return outfile;
};
