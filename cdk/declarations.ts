/**
 * The package's declarations: the TypeScript compiler's `.d.ts` for `src/index.ts` and every repository file it
 * reaches (`lib/`, the `layer/src` names the constructs use), under `dist/types/` with the repository's layout,
 * and `dist/index.d.ts` pointing at them. Files no kept declaration imports (the layer's build, lib's source
 * layer asset) are left out.
 *
 * The emit reads aws-cdk-lib's declarations and takes several seconds, and both `npm run build` and `prepack`
 * run it: the result is cached under `node_modules/.cache` by a hash of everything it reads from this
 * repository (the TypeScript sources it may reach, the compiler's version and options, the lock file).
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, posix } from 'node:path';
import type * as TypeScript from 'typescript';

const packageDir = __dirname;
const repoRoot = join(packageDir, '..');
const entry = 'cdk/src/index.d.ts';
const cacheRoot = join(repoRoot, 'node_modules', '.cache', 'cream-logging-cdk-types');
/** Folders whose TypeScript files the program may reach. */
const sourceDirs = ['lib', 'layer', 'layer/src', 'cdk', 'cdk/src'];

/** Relative specifiers of a declaration file (`from '../x'`, `import("./x")`). */
const relativeImports = (text: string): string[] =>
  [...text.matchAll(/(?:from\s+|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => match[1] as string);

/** The emitted files `entry` reaches, keyed by their path relative to the repository. */
const reachable = (emitted: ReadonlyMap<string, string>): Map<string, string> => {
  const kept = new Map<string, string>();
  const visit = (name: string): void => {
    const text = emitted.get(name);
    if (text === undefined) throw new Error(`declarations: ${name} was not emitted`);
    if (kept.has(name)) return;
    kept.set(name, text);
    for (const specifier of relativeImports(text)) {
      visit(`${posix.join(posix.dirname(name), specifier)}.d.ts`);
    }
  };
  visit(entry);
  return kept;
};

const inputsHash = (ts: typeof TypeScript, options: TypeScript.CompilerOptions): string => {
  const hash = createHash('sha256').update(ts.version).update(JSON.stringify(options));
  const files = sourceDirs.flatMap((dir) =>
    readdirSync(join(repoRoot, dir))
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map((name) => `${dir}/${name}`),
  );
  for (const file of [...files, 'tsconfig.json', 'package-lock.json']) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(repoRoot, file)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 32);
};

const emit = (ts: typeof TypeScript, options: TypeScript.CompilerOptions, outDir: string): void => {
  const host = ts.createCompilerHost(options);
  const program = ts.createProgram([join(packageDir, 'src', 'index.ts')], options, host);
  const emitted = new Map<string, string>();
  const result = program.emit(
    undefined,
    (file, text) => emitted.set(file.slice('/types/'.length), text),
    undefined,
    true,
  );
  if (result.diagnostics.length > 0) {
    throw new Error(`cdk declarations: ${ts.formatDiagnostics(result.diagnostics, host)}`);
  }
  for (const [name, text] of reachable(emitted)) {
    const file = join(outDir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
};

/** Writes `distDir/index.d.ts` and `distDir/types/`. */
export const writeDeclarations = (distDir: string): void => {
  // loaded here, not at the top: only a build needs the compiler
  const ts = require('typescript') as typeof TypeScript;
  const configFile = join(repoRoot, 'tsconfig.json');
  const config = ts.readConfigFile(configFile, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot, undefined, configFile);
  const options: TypeScript.CompilerOptions = {
    ...parsed.options,
    types: ['node'],
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    rootDir: repoRoot,
    outDir: '/types',
    newLine: ts.NewLineKind.LineFeed,
  };
  const cacheDir = join(cacheRoot, inputsHash(ts, options));
  if (!existsSync(cacheDir)) {
    const partial = `${cacheDir}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    emit(ts, options, partial);
    mkdirSync(cacheRoot, { recursive: true });
    renameSync(partial, cacheDir);
  }
  cpSync(cacheDir, join(distDir, 'types'), { recursive: true });
  writeFileSync(join(distDir, 'index.d.ts'), "export * from './types/cdk/src/index';\n");
};
