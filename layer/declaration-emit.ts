/**
 * What both packages' declaration builds share (`layer/declarations.ts`, `cdk/declarations.ts`): the TypeScript
 * compiler's declarations-only emit of one entry, narrowed to the files that entry's declarations reach (so
 * internals that no public type names do not ship), cached under `node_modules/.cache` by a hash of everything
 * the emit reads. The emit takes seconds (aws-cdk-lib's declarations for the CDK package) and runs on every
 * synth for the layer, the cache makes the second one free. Lives in `layer/` because the layer's build runs
 * in copies of the project that carry `layer/` and `lib/` only.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import type * as TypeScript from 'typescript';

/** Declaration files by path relative to the emit's `rootDir` (`index.d.ts`, `lib/alarm-topic.d.ts`...). */
export type DeclarationFiles = ReadonlyMap<string, string>;

export interface DeclarationEmit {
  /** Named in errors and in the cache folder (`node_modules/.cache/<name>`). */
  readonly name: string;
  readonly repoRoot: string;
  /** The source file the program starts from. */
  readonly entry: string;
  /** Its declaration's path relative to `rootDir`: where the walk of kept files starts. */
  readonly entryDeclaration: string;
  /** Compiler options with `rootDir`, from the loaded compiler; the emit writes declarations only. */
  readonly options: (ts: typeof TypeScript) => TypeScript.CompilerOptions;
  /** Every file the emit may read from the repository, hashed for the cache (the lock file is added). */
  readonly inputs: readonly string[];
  /** Where type packages (`@types/node`) resolve from. @default the process's directory */
  readonly currentDirectory?: string;
}

/** Relative specifiers of a declaration file (`from './x'`, `import("../x")`). */
const relativeImports = (text: string): string[] =>
  [...text.matchAll(/(?:from\s+|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => match[1] as string);

const reachable = (emitted: DeclarationFiles, entry: string, name: string): Map<string, string> => {
  const kept = new Map<string, string>();
  const visit = (file: string): void => {
    if (kept.has(file)) return;
    const text = emitted.get(file);
    if (text === undefined) throw new Error(`${name}: ${file} was not emitted`);
    kept.set(file, text);
    for (const specifier of relativeImports(text))
      visit(`${posix.join(posix.dirname(file), specifier)}.d.ts`);
  };
  visit(entry);
  return kept;
};

const emit = (
  ts: typeof TypeScript,
  build: DeclarationEmit,
  buildOptions: TypeScript.CompilerOptions,
): Map<string, string> => {
  const options = {
    ...buildOptions,
    declaration: true,
    emitDeclarationOnly: true,
    noEmit: false,
    outDir: '/types',
  };
  const host = ts.createCompilerHost(options);
  const { currentDirectory } = build;
  if (currentDirectory) host.getCurrentDirectory = () => currentDirectory;
  const program = ts.createProgram([build.entry], options, host);
  const emitted = new Map<string, string>();
  const result = program.emit(
    undefined,
    (file, text) => emitted.set(file.slice('/types/'.length), text),
    undefined,
    true,
  );
  if (result.diagnostics.length > 0) {
    throw new Error(`${build.name}: ${ts.formatDiagnostics(result.diagnostics, host)}`);
  }
  return reachable(emitted, build.entryDeclaration, build.name);
};

const inputsHash = (
  ts: typeof TypeScript,
  build: DeclarationEmit,
  options: TypeScript.CompilerOptions,
): string => {
  const hash = createHash('sha256').update(ts.version).update(JSON.stringify(options));
  for (const file of [...build.inputs, join(build.repoRoot, 'package-lock.json')]) {
    hash.update(relative(build.repoRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 32);
};

const readCached = (dir: string): DeclarationFiles | undefined => {
  try {
    const names = readdirSync(dir, { recursive: true, encoding: 'utf8' });
    const files = names.filter((name) => statSync(join(dir, name)).isFile());
    return new Map(files.map((name) => [name.split('\\').join('/'), readFileSync(join(dir, name), 'utf8')]));
  } catch {
    return undefined;
  }
};

/** Writes the files under `dir`, creating folders as needed. */
export const writeDeclarationFiles = (dir: string, files: DeclarationFiles): void => {
  for (const [name, text] of files) {
    const file = join(dir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
};

/** Best effort: a read-only `node_modules` only costs the next build the emit. */
const writeCache = (dir: string, files: DeclarationFiles): void => {
  const partial = `${dir}.${process.pid}.partial`;
  try {
    writeDeclarationFiles(partial, files);
    renameSync(partial, dir);
  } catch {
    rmSync(partial, { recursive: true, force: true });
  }
};

/** The entry's declarations and every one they reach, from the cache when nothing they read changed. */
export const emitDeclarations = (build: DeclarationEmit): DeclarationFiles => {
  // loaded here, not at the top: a CDK app imports the builds, and only a build needs the compiler
  const ts = require('typescript') as typeof TypeScript;
  const options = build.options(ts);
  const cacheDir = join(build.repoRoot, 'node_modules', '.cache', build.name, inputsHash(ts, build, options));
  const cached = readCached(cacheDir);
  if (cached) return cached;
  const files = emit(ts, build, options);
  writeCache(cacheDir, files);
  return files;
};
