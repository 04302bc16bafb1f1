/**
 * Generated code leaves the command Biome-clean: each file is parsed by TypeScript first (Biome passes text it
 * cannot parse through unchanged, exit 0), then run through the project's own `biome check --write` on stdin,
 * so the project's formatter settings, import order and safe fixes apply, and `npm run lint` has nothing to say.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type * as TypeScript from 'typescript';

/** Loaded on first use: a refused command (most runs in a typo-fixing loop) never pays for the compiler. */
const typescript = (): typeof TypeScript => require('typescript') as typeof TypeScript;

/** TypeScript's syntax errors in one file, as `file:line:col message` lines; empty when it parses. */
export const syntaxErrors = (file: string, text: string): string[] => {
  const ts = typescript();
  const { diagnostics = [] } = ts.transpileModule(text, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.Preserve, target: ts.ScriptTarget.ES2022 },
  });
  return diagnostics.map((diagnostic) => {
    const where =
      diagnostic.file && diagnostic.start !== undefined
        ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
        : undefined;
    const position = where ? `:${where.line + 1}:${where.character + 1}` : '';
    return `${file}${position} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
};

/** The project's Biome entry point, resolved from the project (its config and version are the ones that lint). */
const biomeOf = (projectRoot: string): string =>
  require.resolve('@biomejs/biome/bin/biome', { paths: [projectRoot] });

/**
 * One file through `biome check --write --stdin-file-path` in the project root; resolves to the fixed text.
 * The path is relative to the root, so the project's biome.json includes and ignores apply as for the file.
 */
export const biomeFormat = (projectRoot: string, file: string, text: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [biomeOf(projectRoot), 'check', '--write', `--stdin-file-path=${file}`],
      { cwd: projectRoot, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      if (code === 0 && stdout !== '') return resolve(stdout);
      const stderr = Buffer.concat(err).toString('utf8').trim();
      reject(new Error(`biome check ${file} failed (exit ${code}): ${stderr || stdout}`));
    });
    child.stdin.end(text);
  });

export interface Source {
  readonly path: string;
  readonly text: string;
}

/** Every file checked and formatted; rejects with every syntax error found (a template bug or a bad edit). */
export const formatSources = async (projectRoot: string, sources: readonly Source[]): Promise<Source[]> => {
  const errors = sources.flatMap((source) => syntaxErrors(source.path, source.text));
  if (errors.length > 0) throw new Error(`generated code does not parse:\n${errors.join('\n')}`);
  return Promise.all(
    sources.map(async (source) => ({
      path: source.path,
      text: await biomeFormat(projectRoot, source.path.split('/').join(path.sep), source.text),
    })),
  );
};
