/**
 * Builds the Lambda layer: `<outputDir>/nodejs/node_modules/@cream/logging/` with `index.js`, `powertools.js`
 * (the Powertools Logger, loaded on first use) and `package.json`, the path Lambda puts on the module path from
 * `/opt/nodejs/node_modules`. Synchronous (`buildSync`) so the CDK stack can
 * call it from a local bundling hook; deterministic (fixed working dir, no timestamps, no source maps) so the
 * same sources give the same bytes and the same asset hash.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

export const layerPackageName = '@cream/logging';
export const layerPackageVersion = '0.1.0';
const repoRoot = join(__dirname, '..');

/** The folder inside `outputDir` that holds the package, e.g. for `NODE_PATH`-based tests. */
export const layerPackageDir = (outputDir: string): string =>
  join(outputDir, 'nodejs', 'node_modules', ...layerPackageName.split('/'));

/** The layer's second file: the Powertools Logger, loaded on first use (`layer/src/powertools.ts`). */
const powertoolsFile = './powertools.js';

export const buildLayer = (outputDir: string): void => {
  const packageDir = layerPackageDir(outputDir);
  rmSync(packageDir, { recursive: true, force: true });
  mkdirSync(packageDir, { recursive: true });
  const common = {
    absWorkingDir: repoRoot,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    // Readable stack traces in CloudWatch matter more than the few KB minification saves.
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'error',
  } as const;
  buildSync({
    ...common,
    entryPoints: [join(repoRoot, 'layer', 'src', 'index.ts')],
    outfile: join(packageDir, 'index.js'),
    // The Lambda runtime ships the AWS SDK v3; functions bring their own clients. Powertools is the second file.
    external: ['@aws-sdk/*', powertoolsFile],
    alias: { '@aws-lambda-powertools/logger': powertoolsFile },
  });
  buildSync({
    ...common,
    // from Powertools' ES modules, so only the classes the layer uses (and what they need) are bundled
    entryPoints: [join(repoRoot, 'layer', 'src', 'powertools-exports.ts')],
    outfile: join(packageDir, powertoolsFile),
    external: ['@aws-sdk/*'],
    // Powertools' Logger loads node:crypto only for debug sampling: a lazy stand-in saves milliseconds of the
    // first logger call. The layer's own code does not import node:crypto (it uses the Web Crypto global).
    alias: { 'node:crypto': join(repoRoot, 'layer', 'src', 'lazy-crypto.ts') },
  });
  const manifest = { name: layerPackageName, version: layerPackageVersion, main: 'index.js' };
  writeFileSync(join(packageDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
};

if (require.main === module) {
  const outputDir = join(__dirname, 'dist');
  buildLayer(outputDir);
  process.stdout.write(`built ${layerPackageDir(outputDir)}\n`);
}
