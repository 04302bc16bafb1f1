/**
 * Every TypeScript block of the READMEs (```ts or ```typescript) compiles against this repository, each as its
 * own module, with the repository's compiler options (so `@cream/logging` is the layer's source through the
 * tsconfig path mapping): the documentation cannot drift from the API.
 *
 * A block that is deliberately partial (a few lines from inside a CDK stack's constructor) gets its context
 * from an HTML comment right before it, which Markdown does not show:
 *
 *     <!-- ts-context
 *     import { Stack } from 'aws-cdk-lib';
 *     class Example extends Stack {
 *       constructor() {
 *         super();
 *         // snippet
 *       }
 *     }
 *     -->
 *
 * The block replaces the line `// snippet`, or follows the context when it has no such line. The module sits
 * at the repository root, so a context imports repository files as `./lib/...`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const repoRoot = join(__dirname, '..', '..');
const documents = ['README.md', join('layer', 'README.md')];
const contextMarker = '<!-- ts-context';
const snippetLine = '// snippet';

interface Snippet {
  /** `README.md:150`: the document and the line of the opening fence. */
  readonly name: string;
  /** The virtual module's path, at the repository root. */
  readonly file: string;
  readonly source: string;
  /** How many lines of context come before the block's first line. */
  readonly offset: number;
}

/** The ts blocks of one Markdown text, each with the context comment that precedes it (if any). */
const extractSnippets = (document: string, markdown: string): Snippet[] => {
  const lines = markdown.split('\n');
  const snippets: Snippet[] = [];
  let context: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === contextMarker) {
      const end = lines.indexOf('-->', i);
      context = lines.slice(i + 1, end);
      i = end;
      continue;
    }
    const fence = /^```(ts|typescript)\s*$/.exec(line);
    if (!fence) {
      if (line.trim() !== '') context = undefined;
      continue;
    }
    const end = lines.findIndex((candidate, k) => k > i && candidate.startsWith('```'));
    const block = lines.slice(i + 1, end);
    const before = context ?? [];
    const marker = before.findIndex((candidate) => candidate.trim() === snippetLine);
    const parts =
      marker === -1
        ? [...before, ...block]
        : [...before.slice(0, marker), ...block, ...before.slice(marker + 1)];
    const name = `${document}:${i + 1}`;
    snippets.push({
      name,
      file: join(repoRoot, `${name.replace(/[^\w]+/g, '-')}.snippet.ts`),
      source: parts.join('\n'),
      offset: marker === -1 ? before.length : marker,
    });
    context = undefined;
    i = end;
  }
  return snippets;
};

/** Compiles the snippets in one program; returns each one's errors as `line: message` (lines of the block). */
const compile = (snippets: readonly Snippet[]): Map<string, string[]> => {
  const configFile = join(repoRoot, 'tsconfig.json');
  const config = ts.readConfigFile(configFile, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot, undefined, configFile);
  const host = ts.createCompilerHost(options);
  const byFile = new Map(snippets.map((snippet) => [snippet.file, snippet]));
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (
    (exists) => (file: string) =>
      byFile.has(file) || exists(file)
  )(host.fileExists.bind(host));
  host.readFile = (file) => byFile.get(file)?.source ?? readFile(file);
  host.getSourceFile = (file, language, ...rest) => {
    const snippet = byFile.get(file);
    return snippet
      ? ts.createSourceFile(file, snippet.source, language, true)
      : getSourceFile(file, language, ...rest);
  };
  const program = ts.createProgram([...byFile.keys()], options, host);
  const errors = new Map<string, string[]>();
  for (const snippet of snippets) {
    const source = program.getSourceFile(snippet.file);
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    errors.set(
      snippet.name,
      diagnostics.map((diagnostic) => {
        const { line } = ts.getLineAndCharacterOfPosition(
          diagnostic.file ?? (source as ts.SourceFile),
          diagnostic.start ?? 0,
        );
        const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
        return `block line ${line - snippet.offset + 1}: TS${diagnostic.code} ${text}`;
      }),
    );
  }
  return errors;
};

const snippets = documents.flatMap((document) =>
  extractSnippets(document, readFileSync(join(repoRoot, document), 'utf8')),
);

/** A broken block, compiled with the others: proves the harness reports errors, and on the block's own lines. */
const brokenControl: Snippet = extractSnippets(
  'control.md',
  [
    '<!-- ts-context',
    "import { logEvent } from '@cream/logging';",
    '-->',
    '```ts',
    "logEvent('user_action', { action: 'ok' });",
    "logEvent('user_actoin', { action: 'order_viewed' });",
    '```',
  ].join('\n'),
)[0] as Snippet;

describe('the TypeScript in the READMEs', () => {
  let errors: Map<string, string[]>;
  beforeAll(() => {
    errors = compile([...snippets, brokenControl]);
  });

  it('has blocks to check, the handler example and the CDK example among them', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(2);
    expect(snippets.some((snippet) => snippet.source.includes('requestLogging('))).toBe(true);
    expect(snippets.some((snippet) => snippet.source.includes('new LoggedFunction('))).toBe(true);
  });

  it('reports a block that does not compile, on its own line (the harness itself)', () => {
    expect(errors.get(brokenControl.name)).toEqual([
      expect.stringMatching(/^block line 2: TS2345 Argument of type '"user_actoin"'/),
    ]);
  });

  it.each(snippets.map((snippet) => [snippet.name]))('%s compiles', (name) => {
    expect(errors.get(name)).toEqual([]);
  });
});
