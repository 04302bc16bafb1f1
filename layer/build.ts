/**
 * Builds `@cream/logging` in its two shapes from the same files: `index.js`, `powertools.js` (the Powertools
 * Logger, loaded on first use) and `types/*.d.ts` (`declarations.ts`).
 * - `buildLayer(outputDir)`: the Lambda layer, `<outputDir>/nodejs/node_modules/@cream/logging/` with its
 *   `package.json`, the path Lambda puts on the module path from `/opt/nodejs/node_modules`. Synchronous
 *   (`buildSync`) so the CDK stack can call it from a local bundling hook.
 * - `tsx layer/build.ts --package` (the package's `prepack`): the same files into `layer/dist/`, where
 *   `layer/package.json` points, so `npm pack` of `layer/` gives the package a function installs for its types;
 *   `--clean` (its `postpack`) removes them again.
 * Deterministic (fixed working dir, no timestamps, no source maps): the same sources give the same bytes and the
 * same asset hash.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { writeDeclarations } from './declarations';

interface PackageManifest {
  readonly name: string;
  readonly version: string;
}

const repoRoot = join(__dirname, '..');
/** The package's name and version, read from `layer/package.json` (the one place they are written). */
const manifest = JSON.parse(readFileSync(join(__dirname, 'package.json'), 'utf8')) as PackageManifest;

export const layerPackageName = manifest.name;
export const layerPackageVersion = manifest.version;

/** The folder inside `outputDir` that holds the package, e.g. for `NODE_PATH`-based tests. */
export const layerPackageDir = (outputDir: string): string =>
  join(outputDir, 'nodejs', 'node_modules', ...layerPackageName.split('/'));

/** The layer's second file: the Powertools Logger, loaded on first use (`layer/src/powertools.ts`). */
const powertoolsFile = './powertools.js';
/** The declarations' folder inside the package; `package.json`'s `types` names its `index.d.ts`. */
const typesDir = 'types';

const removePackageFiles = (dir: string): void => {
  for (const output of ['index.js', powertoolsFile, typesDir]) {
    rmSync(join(dir, output), { recursive: true, force: true });
  }
};

/** Writes the package's code and declarations into `dir` (replacing earlier ones). */
const buildPackageFiles = (dir: string): void => {
  removePackageFiles(dir);
  mkdirSync(dir, { recursive: true });
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
    outfile: join(dir, 'index.js'),
    // The Lambda runtime ships the AWS SDK v3; functions bring their own clients. Powertools is the second file.
    external: ['@aws-sdk/*', powertoolsFile],
    alias: { '@aws-lambda-powertools/logger': powertoolsFile },
  });
  buildSync({
    ...common,
    // from Powertools' ES modules, so only the classes the layer uses (and what they need) are bundled
    entryPoints: [join(repoRoot, 'layer', 'src', 'powertools-exports.ts')],
    outfile: join(dir, powertoolsFile),
    external: ['@aws-sdk/*'],
    // Powertools' Logger loads node:crypto only for debug sampling: a lazy stand-in saves milliseconds of the
    // first logger call. The layer's own code does not import node:crypto (it uses the Web Crypto global).
    alias: { 'node:crypto': join(repoRoot, 'layer', 'src', 'lazy-crypto.ts') },
  });
  writeDeclarations(join(dir, typesDir));
};

export const buildLayer = (outputDir: string): void => {
  const packageDir = layerPackageDir(outputDir);
  rmSync(packageDir, { recursive: true, force: true });
  buildPackageFiles(packageDir);
  const layerManifest = {
    name: layerPackageName,
    version: layerPackageVersion,
    main: 'index.js',
    types: `${typesDir}/index.d.ts`,
  };
  writeFileSync(join(packageDir, 'package.json'), `${JSON.stringify(layerManifest, null, 2)}\n`);
};

if (require.main === module) {
  if (process.argv.includes('--clean')) {
    // `postpack`: the package build is only for the tarball. Left in `layer/dist`, it would be what the workspace
    // link `node_modules/@cream/logging` resolves to: an old copy of the layer for anything run in the repository.
    removePackageFiles(join(__dirname, 'dist'));
  } else if (process.argv.includes('--package')) {
    const dir = join(__dirname, 'dist');
    buildPackageFiles(dir);
    process.stdout.write(`built ${layerPackageName} into ${dir}\n`);
  } else {
    const outputDir = join(__dirname, 'dist');
    buildLayer(outputDir);
    process.stdout.write(`built ${layerPackageDir(outputDir)}\n`);
  }
}
