/**
 * Builds `@cream/logging-cdk` into `cdk/dist/` (git-ignored; the package's `prepack`, and `npm run build`):
 * - `index.js`: `src/index.ts` and the `lib/` files it re-exports, bundled by esbuild, `aws-cdk-lib` and
 *   `constructs` left to the app (peer dependencies: one copy of each, the app's). `lib/layer-asset.ts`, which
 *   builds the layer from this repository's sources, is swapped for `src/layer-asset.ts`.
 * - `layer/`: the built Lambda layer (`layer/build.ts`), which `CreamLoggingLayer` deploys from the package.
 * - `index.d.ts` and `types/`: the declarations (`declarations.ts`).
 * The three package versions (root, `@cream/logging`, this one) must agree: the layer in the tarball is the
 * `@cream/logging` of the same version.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { buildLayer, layerPackageVersion } from '../layer/build';
import { writeDeclarations } from './declarations';

const packageDir = __dirname;
const repoRoot = join(packageDir, '..');
const distDir = join(packageDir, 'dist');
const sourceLayerAsset = join(repoRoot, 'lib', 'layer-asset.ts');
/** Where `src/layer-asset.ts` looks for the layer build, next to the bundle. */
const packagedLayerDir = 'layer';

const versionOf = (manifest: string): string =>
  (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;

/** Resolves lib's `./layer-asset` to the package's; the build fails if anything still reaches lib's. */
const packagedLayerAsset: Plugin = {
  name: 'packaged-layer-asset',
  setup(context) {
    context.onResolve({ filter: /^\.\/layer-asset$/ }, (args) =>
      args.importer === join(repoRoot, 'lib', 'cream-logging-layer.ts')
        ? { path: join(packageDir, 'src', 'layer-asset.ts') }
        : undefined,
    );
  },
};

const buildPackage = async (): Promise<void> => {
  const versions = [
    versionOf(join(repoRoot, 'package.json')),
    layerPackageVersion,
    versionOf(join(packageDir, 'package.json')),
  ];
  if (new Set(versions).size !== 1) {
    throw new Error(`versions differ (root, layer, cdk): ${versions.join(', ')}`);
  }
  rmSync(distDir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: [join(packageDir, 'src', 'index.ts')],
    outfile: join(distDir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs'],
    plugins: [packagedLayerAsset],
    metafile: true,
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'error',
  });
  const bundled = Object.keys(result.metafile.inputs).map((input) => join(repoRoot, input));
  if (bundled.includes(sourceLayerAsset) || bundled.some((input) => input.includes('node_modules'))) {
    throw new Error(
      `the package bundle must hold only this repository's sources, got: ${bundled.join(', ')}`,
    );
  }
  buildLayer(join(distDir, packagedLayerDir));
  writeDeclarations(distDir);
};

if (require.main === module) {
  buildPackage().then(
    () => process.stdout.write(`built @cream/logging-cdk into ${distDir}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
