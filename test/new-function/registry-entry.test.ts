import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { syntaxErrors } from '../../tools/new-function/format-sources';
import { readOptions } from '../../tools/new-function/options';
import { planFunction, type RegistryLoader } from '../../tools/new-function/plan';
import {
  insertEntry,
  loadRegistry,
  RegistryMarker,
  renderEntry,
  tsString,
} from '../../tools/new-function/registry-file';

/** A registry as a project may have it: a hand-written entry, comments, the marker last in the array. */
const fixture = [
  "import type { FunctionDefinition } from './function-registry';",
  '',
  'export const functions: readonly FunctionDefinition[] = [',
  '  {',
  "    name: 'login',",
  "    description: 'POST /login',",
  "    routes: ['POST /login'],",
  '  },',
  '  // a team note',
  `  ${RegistryMarker}`,
  '];',
  '',
].join('\n');

const orders = { name: 'orders', description: 'GET /orders/{id}: orders', routes: ['GET /orders/{id}'] };

describe('the registry entry new:function inserts', () => {
  it('goes right above the marker, leaving every other line as it was', () => {
    const updated = insertEntry(fixture, orders) as string;

    const lines = updated.split('\n');
    const marker = lines.indexOf(`  ${RegistryMarker}`);
    expect(lines.slice(marker - 5, marker)).toEqual([
      '  {',
      "    name: 'orders',",
      "    description: 'GET /orders/{id}: orders',",
      "    routes: ['GET /orders/{id}'],",
      '  },',
    ]);
    expect([...lines.slice(0, marker - 5), ...lines.slice(marker)].join('\n')).toBe(fixture);
    expect(syntaxErrors('lib/functions.ts', updated)).toEqual([]);
  });

  it('carries memory and timeout only when given', () => {
    expect(renderEntry(orders)).not.toMatch(/memorySize|timeoutSeconds/);
    expect(renderEntry({ ...orders, memorySize: 512, timeoutSeconds: 15 })).toContain(
      '    memorySize: 512,\n    timeoutSeconds: 15,\n',
    );
  });

  it('adds the comma a hand-edited last entry left out', () => {
    const withoutComma = fixture.replace("routes: ['POST /login'],\n  },", "routes: ['POST /login'],\n  }");

    const updated = insertEntry(withoutComma, orders) as string;

    expect(updated).toContain("routes: ['POST /login'],\n  },\n  // a team note\n  {\n    name: 'orders',");
    expect(syntaxErrors('lib/functions.ts', updated)).toEqual([]);
  });

  it('keeps CRLF line ends', () => {
    const updated = insertEntry(fixture.replaceAll('\n', '\r\n'), orders) as string;
    expect(updated.split('\r\n').length).toBe(updated.split('\n').length);
  });

  it('refuses a registry without the marker, or with two', () => {
    expect(insertEntry(fixture.replace(RegistryMarker, '// the end'), orders)).toEqual({
      problem: expect.stringContaining('has no line'),
    });
    expect(insertEntry(fixture.replace('  // a team note', `  ${RegistryMarker}`), orders)).toEqual({
      problem: expect.stringContaining('2 times'),
    });
  });

  it('quotes any one-line text as a string literal TypeScript reads back as that text', () => {
    for (const text of ["it's", 'back\\slash', '{id}', '`$' + '{x}`', '"double"']) {
      const source = ts.createSourceFile('x.ts', `${tsString(text)};`, ts.ScriptTarget.ES2022);
      const statement = source.statements[0] as ts.ExpressionStatement;
      expect(ts.isStringLiteral(statement.expression) && statement.expression.text).toBe(text);
    }
  });
});

describe('new:function against the project registry', () => {
  // Made in beforeAll, not while collecting: a run filtered to other tests skips this block's afterAll.
  let root = '';
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-new-function-plan-'));
    fs.mkdirSync(path.join(root, 'lib'));
    fs.mkdirSync(path.join(root, 'functions', 'login'), { recursive: true });
    fs.writeFileSync(path.join(root, 'lib', 'functions.ts'), fixture);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const registered: RegistryLoader = () => [
    { name: 'login', routes: ['POST /login'] },
    { name: 'x-1', routes: ['GET /x/{id}'] },
    { name: 'orders', routes: ['GET /legacy-orders'] },
  ];
  const plan = (argv: Parameters<typeof readOptions>[0]) => {
    const options = readOptions({ ...argv, 'project-root': root });
    if (typeof options === 'string') throw new Error(options);
    return planFunction(options, registered);
  };

  it('refuses a name the registry has even without its folder', () => {
    expect(plan({ name: 'orders', route: ['GET /orders/{id}'] })).toEqual({
      kind: 'usage',
      problem: 'lib/functions.ts already has a function named orders',
    });
  });

  it('refuses a name with the construct id of another entry', () => {
    expect(plan({ name: 'x1', route: ['GET /y'] })).toMatchObject({
      kind: 'usage',
      problem: /construct id X1 of x-1/,
    });
  });

  it('refuses a route the registry has, also under another parameter name', () => {
    expect(plan({ name: 'shop', route: ['POST /login'] })).toMatchObject({
      problem: 'route POST /login belongs to login already',
    });
    expect(plan({ name: 'shop', route: ['GET /x/{key}'] })).toMatchObject({
      problem: 'route GET /x/{key} belongs to x-1 already (as GET /x/{id}: API Gateway sees them as one)',
    });
  });

  it('refuses an existing folder before reading the registry', () => {
    expect(plan({ name: 'login', route: ['GET /z'] })).toEqual({
      kind: 'usage',
      problem: 'functions/login already exists; choose another --name',
    });
  });

  it('plans the handler, the store, the test and the registry update for a free name and route', () => {
    const planned = plan({ name: 'shop', route: ['GET /shop/{sku}'] });
    expect(planned.kind).toBe('plan');
    if (planned.kind !== 'plan') return;
    expect(planned.files.map((file) => [file.path, file.original === undefined])).toEqual([
      ['functions/shop/index.ts', true],
      ['functions/shop/shop-store.ts', true],
      ['test/functions/shop/shop-handler.test.ts', true],
      ['lib/functions.ts', false],
    ]);
  });

  it('reads the entries of the real registry by loading it', () => {
    const entries = loadRegistry(path.resolve(__dirname, '../../lib/functions.ts'));
    expect(entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'login', routes: ['POST /login'] })]),
    );
  });
});
