import { join } from 'node:path';
import { type BuildOptions, build } from 'esbuild';
import { type Variant, variants } from './variants';

/**
 * esbuild settings shared by every variant, so module loading is comparable: one minified CommonJS file per
 * handler, as a function bundle would be deployed. `@aws-sdk/*` is external as on Lambda; `@cream/logging` is
 * external because the layer provides it.
 */
const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  external: ['@aws-sdk/*', '@cream/logging'],
};

export interface Bundles {
  readonly worker: string;
  readonly sizeGuardWorker: string;
  readonly handlers: ReadonlyMap<Variant['id'], string>;
}

/** Bundles the workers and every variant's handler into `outDir`. */
export const bundleAll = async (
  outDir: string,
  selected: readonly Variant[] = variants,
): Promise<Bundles> => {
  const worker = join(outDir, 'worker.cjs');
  await build({ ...common, entryPoints: [join(__dirname, 'worker.ts')], outfile: worker });
  const sizeGuardWorker = join(outDir, 'size-guard-worker.cjs');
  await build({
    ...common,
    entryPoints: [join(__dirname, 'size-guard-worker.ts')],
    outfile: sizeGuardWorker,
  });
  const handlers = new Map<Variant['id'], string>();
  await Promise.all(
    selected.map(async (variant) => {
      const outfile = join(outDir, `${variant.id}.cjs`);
      await build({ ...common, entryPoints: [join(__dirname, 'handlers', variant.entry)], outfile });
      handlers.set(variant.id, outfile);
    }),
  );
  return { worker, sizeGuardWorker, handlers };
};
