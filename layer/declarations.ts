/**
 * The package's type declarations: `types/*.d.ts` next to the bundled code, emitted by the TypeScript compiler
 * from `layer/src` (declarations only: the checker runs just as far as they need, `npm run typecheck` does the
 * rest). Only the modules `index.d.ts` reaches are kept, so internals such as the Powertools entry do not ship.
 * Emitted and cached by `declaration-emit.ts`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as TypeScript from 'typescript';
import { emitDeclarations, writeDeclarationFiles } from './declaration-emit';

const layerDir = __dirname;
const sourceDir = join(layerDir, 'src');
const repoRoot = join(layerDir, '..');

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
  rootDir: sourceDir,
  newLine: ts.NewLineKind.LineFeed,
});

/** Writes `outDir/*.d.ts`, the declarations of the package's entry and of every module it names. */
export const writeDeclarations = (outDir: string): void => {
  const files = emitDeclarations({
    name: 'cream-logging-types',
    repoRoot,
    entry: join(sourceDir, 'index.ts'),
    entryDeclaration: 'index.d.ts',
    options: compilerOptions,
    inputs: readdirSync(sourceDir)
      .sort()
      .map((name) => join(sourceDir, name)),
    // type packages (`@types/node`) resolve from the repository, whatever directory the build runs in
    currentDirectory: repoRoot,
  });
  writeDeclarationFiles(outDir, files);
};
