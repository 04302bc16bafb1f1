import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const repoRoot = join(__dirname, '..', '..');
const buildScript = join(repoRoot, 'layer', 'build.ts');

/** What `layer/build.ts` exports; typed here so the bench compiles before and after the layer lands. */
interface LayerBuildModule {
  readonly buildLayer?: (outDir: string) => unknown;
}

export interface BuiltLayer {
  /** The layer root as Lambda unpacks it to /opt (contains `nodejs/node_modules/@cream/logging`). */
  readonly dir: string;
  /** What the function's NODE_PATH must hold to resolve `@cream/logging` from it. */
  readonly nodePath: string;
}

/**
 * Builds the layer with the project's own `buildLayer` into `outDir`, so the bench always measures the current
 * source exactly as it would be deployed. Returns undefined (and says why) when the layer is not there yet.
 */
export const buildLayerInto = async (outDir: string): Promise<BuiltLayer | { readonly missing: string }> => {
  if (!existsSync(buildScript)) return { missing: 'layer/build.ts not found' };
  const mod = (await import(pathToFileURL(buildScript).href)) as LayerBuildModule;
  if (typeof mod.buildLayer !== 'function') return { missing: 'layer/build.ts exports no buildLayer' };
  await mod.buildLayer(outDir);
  const nodePath = join(outDir, 'nodejs', 'node_modules');
  const entry = join(nodePath, '@cream', 'logging', 'index.js');
  if (!existsSync(entry)) return { missing: `buildLayer wrote no ${entry}` };
  return { dir: outDir, nodePath };
};
