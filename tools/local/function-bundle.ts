import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { layerPackageName } from '../../layer/build';

/**
 * The esbuild options `LoggedFunction` gives `NodejsFunction` (lib/logged-function.ts), as the CDK turns
 * them into esbuild flags: bundled CommonJS for Node, minified, with a source map without sources, the SDK
 * (the runtime's) and the layer's package (the layer's) left external. A test rebuilds a synthesized asset
 * with these and compares the bytes, so the two cannot drift apart unnoticed.
 */
export const functionBundleOptions = {
  bundle: true,
  platform: 'node',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  external: ['@aws-sdk/*', layerPackageName],
} as const;

/** `nodejs24.x` → `node24`, as the CDK derives esbuild's target from the function's runtime. */
export const targetOf = (runtime: string | undefined): string =>
  `node${/nodejs(\d+)/.exec(runtime ?? '')?.[1] ?? '24'}`;

const isFirstParty = (file: string): boolean => !file.split(path.sep).includes('node_modules');

/** A bundle's own source files (not packages), absolute, from the source map next to its `index.js`. */
export const bundleSources = (codeDir: string): string[] => {
  const map = JSON.parse(fs.readFileSync(path.join(codeDir, 'index.js.map'), 'utf8')) as {
    sources: string[];
  };
  return map.sources.map((source) => path.resolve(codeDir, source)).filter(isFirstParty);
};

/** Absolute first-party inputs of a build, with the import graph between them. */
const analyze = async (entryPoints: readonly string[], projectRoot: string) => {
  const result = await build({
    entryPoints: [...entryPoints],
    absWorkingDir: projectRoot,
    bundle: true,
    platform: 'node',
    packages: 'external',
    write: false,
    outdir: path.join(projectRoot, '.analysis'),
    metafile: true,
    logLevel: 'silent',
  });
  return Object.entries(result.metafile.inputs)
    .map(([file, input]) => ({
      file: path.resolve(projectRoot, file),
      imports: input.imports.map((entry) => path.resolve(projectRoot, entry.path)),
    }))
    .filter(({ file }) => isFirstParty(file));
};

/** Every first-party file a program (an entry point and what it imports) is built from. */
export const programInputs = async (entry: string, projectRoot: string): Promise<Set<string>> =>
  new Set((await analyze([entry], projectRoot)).map(({ file }) => file));

/**
 * The entry point among a bundle's sources: the one file no other source imports. The synthesized
 * assembly does not record entries, but the source map lists every input, so the root of their import
 * graph is the entry. Undefined when the sources are gone, do not build, or have no single root.
 */
export const findEntry = async (
  sources: readonly string[],
  projectRoot: string,
): Promise<string | undefined> => {
  const existing = sources.filter((file) => fs.existsSync(file));
  if (existing.length === 0 || existing.length < sources.length) return undefined;
  let graph: Awaited<ReturnType<typeof analyze>>;
  try {
    graph = await analyze(existing, projectRoot);
  } catch {
    return undefined; // a source that does not build: no graph until it is fixed
  }
  const imported = new Set(graph.flatMap(({ imports }) => imports));
  const roots = existing.filter((file) => !imported.has(file));
  return roots.length === 1 ? roots[0] : undefined;
};

/**
 * Bundles a function's entry into `outDir/index.js` (+ map) as the stack's bundling does and returns the
 * first-party files it read, which are what the watcher must react to next time.
 */
export const bundleFunction = async (options: {
  readonly entry: string;
  readonly outDir: string;
  readonly runtime?: string;
  readonly projectRoot: string;
}): Promise<Set<string>> => {
  const result = await build({
    ...functionBundleOptions,
    external: [...functionBundleOptions.external],
    entryPoints: [options.entry],
    target: targetOf(options.runtime),
    outfile: path.join(options.outDir, 'index.js'),
    absWorkingDir: options.projectRoot,
    metafile: true,
    logLevel: 'silent',
  });
  return new Set(
    Object.keys(result.metafile.inputs)
      .map((file) => path.resolve(options.projectRoot, file))
      .filter(isFirstParty),
  );
};
