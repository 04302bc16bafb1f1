/**
 * The package's type declarations: `types/*.d.ts` next to the bundled code, emitted by the TypeScript compiler
 * from `layer/src` (declarations only: the checker runs just as far as they need, `npm run typecheck` does the
 * rest). Only the modules `index.d.ts` reaches are kept, so internals such as the Powertools entry do not ship.
 *
 * The emit is deterministic but takes a second or two, and every synth builds the layer: the result is cached
 * under `node_modules/.cache` by a hash of everything it depends on (the sources, the compiler's version and
 * options, the lock file that pins the types it reads).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as TypeScript from 'typescript';

const layerDir = __dirname;
const sourceDir = join(layerDir, 'src');
const repoRoot = join(layerDir, '..');
const cacheRoot = join(repoRoot, 'node_modules', '.cache', 'cream-logging-types');

type Files = ReadonlyMap<string, string>;

const compilerOptions = (ts: typeof TypeScript): TypeScript.CompilerOptions => ({
  target: ts.ScriptTarget.ES2023,
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  esModuleInterop: true,
  isolatedModules: true,
  skipLibCheck: true,
  types: ['node'],
  declaration: true,
  emitDeclarationOnly: true,
  rootDir: sourceDir,
  outDir: '/types',
  newLine: ts.NewLineKind.LineFeed,
});

/** `./x` specifiers of a declaration file (`from './x'`, `import('./x')`). */
const relativeImports = (text: string): string[] =>
  [...text.matchAll(/(?:from\s+|import\()\s*'(\.\/[^']+)'/g)].map((match) => match[1] as string);

/** The declaration files `index.d.ts` reaches, by name (`index.d.ts`, `request-logging.d.ts`...). */
const reachable = (emitted: Files): Map<string, string> => {
  const kept = new Map<string, string>();
  const visit = (name: string): void => {
    const text = emitted.get(name);
    if (text === undefined || kept.has(name)) return;
    kept.set(name, text);
    for (const specifier of relativeImports(text)) visit(`${specifier.slice(2)}.d.ts`);
  };
  visit('index.d.ts');
  return kept;
};

const emit = (ts: typeof TypeScript): Map<string, string> => {
  const options = compilerOptions(ts);
  const host = ts.createCompilerHost(options);
  // type packages (`@types/node`) resolve from the repository, whatever directory the build runs in
  host.getCurrentDirectory = () => repoRoot;
  const program = ts.createProgram([join(sourceDir, 'index.ts')], options, host);
  const emitted = new Map<string, string>();
  const result = program.emit(
    undefined,
    (file, text) => emitted.set(file.slice('/types/'.length), text),
    undefined,
    true,
  );
  if (result.diagnostics.length > 0) {
    throw new Error(`layer declarations: ${ts.formatDiagnostics(result.diagnostics, host)}`);
  }
  return reachable(emitted);
};

/** Everything the declarations depend on, hashed: a change to any of them means a fresh emit. */
const inputsHash = (ts: typeof TypeScript): string => {
  const hash = createHash('sha256')
    .update(ts.version)
    .update(JSON.stringify(compilerOptions(ts)));
  for (const name of readdirSync(sourceDir).sort()) {
    hash
      .update(name)
      .update('\0')
      .update(readFileSync(join(sourceDir, name)))
      .update('\0');
  }
  return hash
    .update(readFileSync(join(repoRoot, 'package-lock.json')))
    .digest('hex')
    .slice(0, 32);
};

const readCached = (dir: string): Files | undefined => {
  try {
    return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
  } catch {
    return undefined;
  }
};

/** Best effort: a read-only `node_modules` only costs the next build the emit. */
const writeCache = (dir: string, files: Files): void => {
  const partial = `${dir}.${process.pid}.partial`;
  try {
    mkdirSync(partial, { recursive: true });
    for (const [name, text] of files) writeFileSync(join(partial, name), text);
    renameSync(partial, dir);
  } catch {
    rmSync(partial, { recursive: true, force: true });
  }
};

/** Writes `outDir/*.d.ts`, the declarations of the package's entry and of every module it names. */
export const writeDeclarations = (outDir: string): void => {
  // loaded here, not at the top: the CDK app imports the build, and only a build needs the compiler
  const ts = require('typescript') as typeof TypeScript;
  const cacheDir = join(cacheRoot, inputsHash(ts));
  let files = readCached(cacheDir);
  if (files === undefined) {
    files = emit(ts);
    mkdirSync(dirname(cacheDir), { recursive: true });
    writeCache(cacheDir, files);
  }
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of files) writeFileSync(join(outDir, name), text);
};
