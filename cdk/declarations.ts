/**
 * The package's declarations: the TypeScript compiler's `.d.ts` for `src/index.ts` and every repository file it
 * reaches (`lib/`, the `layer/src` names the constructs use), under `dist/types/` with the repository's layout,
 * and `dist/index.d.ts` pointing at them. Files no kept declaration imports (the layer's build, lib's source
 * layer asset) are left out. Emitted and cached by `layer/declaration-emit.ts` (the emit reads aws-cdk-lib's
 * declarations and takes several seconds; `npm run build` and `prepack` both run it).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as TypeScript from 'typescript';
import { emitDeclarations, writeDeclarationFiles } from '../layer/declaration-emit';

const packageDir = __dirname;
const repoRoot = join(packageDir, '..');
/** Folders whose TypeScript files the program may reach. */
const sourceDirs = ['lib', 'layer', 'layer/src', 'cdk', 'cdk/src'];

/** The repository's own compiler options, emitting declarations with the repository's layout. */
const compilerOptions = (ts: typeof TypeScript): TypeScript.CompilerOptions => {
  const configFile = join(repoRoot, 'tsconfig.json');
  const config = ts.readConfigFile(configFile, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot, undefined, configFile);
  return { ...parsed.options, types: ['node'], rootDir: repoRoot, newLine: ts.NewLineKind.LineFeed };
};

/** Writes `distDir/index.d.ts` and `distDir/types/`. */
export const writeDeclarations = (distDir: string): void => {
  const files = emitDeclarations({
    name: 'cream-logging-cdk-types',
    repoRoot,
    entry: join(packageDir, 'src', 'index.ts'),
    entryDeclaration: 'cdk/src/index.d.ts',
    options: compilerOptions,
    inputs: [
      ...sourceDirs.flatMap((dir) =>
        readdirSync(join(repoRoot, dir))
          .filter((name) => name.endsWith('.ts'))
          .sort()
          .map((name) => join(repoRoot, dir, name)),
      ),
      join(repoRoot, 'tsconfig.json'),
    ],
  });
  writeDeclarationFiles(join(distDir, 'types'), files);
  writeFileSync(join(distDir, 'index.d.ts'), "export * from './types/cdk/src/index';\n");
};
