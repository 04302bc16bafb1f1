import path from 'node:path';
import ts from 'typescript';
import { formatSources, type Source } from '../../tools/new-function/format-sources';
import { functionShape } from '../../tools/new-function/function-shape';
import { handlerSource, storeModule, storeSource } from '../../tools/new-function/handler-templates';
import { readOptions } from '../../tools/new-function/options';
import { testSource } from '../../tools/new-function/test-template';
import { repoRoot } from './project-copy';

/**
 * The shapes the templates branch on, beyond the end-to-end test's `orders`: no `{param}`, a route without the
 * key next to one with it, a parameter named like a keyword next to a greedy one, an ANY route. Each is
 * generated, formatted, and type-checked in place (as if under functions/ and test/functions/) without
 * writing a file.
 */
const variants: Record<string, string[]> = {
  ping: ['POST /ping'],
  invoices: ['GET /invoices/{invoiceId}', 'POST /invoices'],
  klass: ['GET /k/{class}/items/{proxy+}'],
  reports: ['ANY /reports/{reportId}'],
};

const generate = (name: string, routes: string[]): Source[] => {
  const options = readOptions({ name, route: routes });
  if (typeof options === 'string') throw new Error(options);
  const shape = functionShape(name, options.description, options.routes);
  return [
    { path: `functions/${name}/index.ts`, text: handlerSource(shape) },
    ...(shape.key
      ? [{ path: `functions/${name}/${storeModule(shape)}.ts`, text: storeSource(shape, shape.key) }]
      : []),
    { path: `test/functions/${name}/${name}-handler.test.ts`, text: testSource(shape) },
  ];
};

/** tsc's diagnostics for the generated files, read from memory, the rest of the project from disk. */
const typeErrors = (sources: readonly Source[]): string[] => {
  const configFile = path.join(repoRoot, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  )!;
  const generated = new Map(sources.map((source) => [path.join(repoRoot, source.path), source.text]));
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (file) => generated.get(path.resolve(file)) ?? readFile(file);
  host.fileExists = (file) => generated.has(path.resolve(file)) || fileExists(file);
  // module resolution asks for the folder before the file
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (dir) =>
    [...generated.keys()].some((file) => file.startsWith(`${path.resolve(dir)}${path.sep}`)) ||
    (directoryExists?.(dir) ?? true);
  const program = ts.createProgram({ rootNames: [...generated.keys()], options: config.options, host });
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.formatDiagnostic(diagnostic, { ...host, getNewLine: () => '\n' }));
};

describe('the generated code for every shape of routes', () => {
  let sources: Source[];

  beforeAll(async () => {
    const raw = Object.entries(variants).flatMap(([name, routes]) => generate(name, routes));
    sources = await formatSources(repoRoot, raw);
  }, 60_000);

  it('stores an item only when a route has a {param}', () => {
    expect(sources.map((source) => source.path).filter((file) => file.endsWith('-store.ts'))).toEqual([
      'functions/invoices/invoices-store.ts',
      'functions/klass/klass-store.ts',
      'functions/reports/reports-store.ts',
    ]);
  });

  it('answers the route without the key plainly and reads by the key otherwise', () => {
    const invoices = sources.find((source) => source.path === 'functions/invoices/index.ts')!.text;
    expect(invoices).toContain('const invoiceId = event.pathParameters?.invoiceId;');
    expect(invoices).toContain('// POST /invoices carries no {invoiceId}: a plain answer naming the route.');
    const klass = sources.find((source) => source.path === 'functions/klass/index.ts')!.text;
    expect(klass).toContain('const classValue = event.pathParameters?.class;');
  });

  it('type-checks under the project tsconfig, tests included', () => {
    expect(typeErrors(sources)).toEqual([]);
  }, 60_000);
});
