/**
 * Where the layer's code comes from, kept apart from the construct so the `@cream/logging-cdk` package can swap
 * this one module (it has no sources to build: `cdk/src/layer-asset.ts` points at the build its tarball ships).
 * Here: the sources in `layer/`, built by a local bundling hook with esbuild (no Docker).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildLayer } from '../layer/build';

const repoRoot = path.join(__dirname, '..');
const layerDir = path.join(repoRoot, 'layer');
/** Generated or third-party folders under layer/ that are not inputs of the build. */
const ignored = new Set(['dist', 'node_modules', 'test', 'coverage']);

/** Every input file of the layer build, sorted so the hash does not depend on directory listing order. */
const inputFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !ignored.has(entry.name) && !entry.name.endsWith('.test.ts'))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? inputFiles(full) : [full];
    })
    .sort();

/**
 * A content hash of the layer's sources plus the lock file: the bundle inlines the Powertools and Middy
 * versions the lock file pins, so a dependency bump must publish a new layer version even if no source changed.
 */
export const layerSourceHash = (): string => {
  const hash = createHash('sha256');
  for (const file of [...inputFiles(layerDir), path.join(repoRoot, 'package-lock.json')]) {
    hash.update(path.relative(repoRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
};

/** The layer's code: `nodejs/node_modules/@cream/logging`, which Lambda mounts at `/opt/nodejs/node_modules`. */
export const layerCode = (): lambda.Code =>
  lambda.Code.fromAsset(layerDir, {
    // A custom hash keeps the asset deterministic (same sources, same hash) without bundling first.
    assetHashType: AssetHashType.CUSTOM,
    assetHash: layerSourceHash(),
    bundling: {
      // Required by the API but never pulled: local bundling below always succeeds.
      image: DockerImage.fromRegistry('alpine'),
      local: {
        tryBundle(outputDir: string): boolean {
          buildLayer(outputDir);
          return true;
        },
      },
    },
  });
