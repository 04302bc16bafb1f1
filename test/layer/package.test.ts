/**
 * `@cream/logging` as another repository gets it: `npm pack` of `layer/`, installed into a throw-away project
 * outside this repository (from the npm cache `npm ci` filled), type-checked with the project's TypeScript and
 * required at run time. TypeScript, Middy and the type packages are linked from this repository's node_modules
 * (`file:` dependencies) so the install stays offline and fast.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeConsumerTsconfig } from '../support/consumer-tsconfig';

const repoRoot = join(__dirname, '..', '..');
const layerDir = join(repoRoot, 'layer');
const linked = ['typescript', '@middy/core', '@types/aws-lambda', '@types/node'];

/** The environment without what `npm test` exports to scripts: a nested npm must not act on this repository. */
const cleanEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', args, { cwd, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const handlerSource = `
import { logEvent, logger, requestLogging } from '@cream/logging';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export const functionHandler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  logEvent('user_action', { action: 'order_viewed', target: event.pathParameters?.id });
  return { statusCode: 200, body: '{}' };
};

export const handler = middy(functionHandler).use(requestLogging({ redactKeys: ['order_secret'] }));

// Each line fails to compile only if the declarations resolved to real types; under \`any\` the directive is unused.
// @ts-expect-error: a Middy middleware object (its type comes from @middy/core), not a number
export const notANumber: number = requestLogging();
// @ts-expect-error: the logger's context is the aws-lambda Context
logger.addContext(42);
// @ts-expect-error: outcome is 'success' | 'failure' in the catalog
logEvent('login_attempt', { outcome: 'ok' });
`;

const misspelledSource = `
import { logEvent } from '@cream/logging';

logEvent('user_actoin', { action: 'order_viewed' });
`;

/** Runs a request through Middy and the installed package; prints the records it wrote, one JSON per line. */
const runtimeSource = `
import { once } from 'node:events';
import { createServer } from 'node:http';
import middy from '@middy/core';
import { logEvent, requestLogging, setLogSink } from '@cream/logging';

const server = createServer((request, response) => {
  response.end(JSON.stringify({ correlation: request.headers['x-correlation-id'] ?? null }));
}).listen(0, '127.0.0.1');
await once(server, 'listening');
const lines = [];
setLogSink((line) => lines.push(line));
const handler = middy(async () => {
  const price = await (await fetch('http://127.0.0.1:' + server.address().port + '/prices/42?key=k')).json();
  logEvent('user_action', { action: 'order_viewed', target: '42' });
  return { statusCode: 200, body: JSON.stringify(price) };
}).use(requestLogging({ httpClient: { slowMs: 0, propagateCorrelationIdTo: ['127.0.0.1'] } }));
const event = {
  version: '2.0', routeKey: 'GET /orders/{id}', rawPath: '/orders/42', rawQueryString: '',
  headers: { 'x-correlation-id': 'corr-from-caller' },
  requestContext: { requestId: 'gw-1', http: { method: 'GET', path: '/orders/42', sourceIp: '203.0.113.9' } },
};
const response = await handler(event, { awsRequestId: 'req-1', functionName: 'orders', getRemainingTimeInMillis: () => 3000 });
server.close();
process.stdout.write(JSON.stringify({ response, records: lines.map((line) => JSON.parse(line)) }));
`;

describe('the @cream/logging package installed in another project', () => {
  const packDir = mkdtempSync(join(tmpdir(), 'cream-pack-'));
  const project = mkdtempSync(join(tmpdir(), 'cream-consumer-'));
  let tarball = '';

  beforeAll(() => {
    npm(['pack', '--pack-destination', packDir, '--loglevel=error'], layerDir);
    tarball = join(packDir, readdirSync(packDir).find((name) => name.endsWith('.tgz')) ?? 'missing.tgz');
    const devDependencies = Object.fromEntries([
      ['@cream/logging', `file:${tarball}`],
      ...linked.map((name) => [name, `file:${join(repoRoot, 'node_modules', name)}`]),
    ]);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'orders-service', version: '1.0.0', private: true, devDependencies }),
    );
    npm(
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
      project,
    );
    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, 'src', 'handler.ts'), handlerSource);
    writeFileSync(join(project, 'src', 'misspelled.ts'), misspelledSource);
    writeFileSync(join(project, 'runtime.mjs'), runtimeSource);
    writeConsumerTsconfig(project, ['src']);
  });

  afterAll(() => {
    rmSync(packDir, { recursive: true, force: true });
    rmSync(project, { recursive: true, force: true });
  });

  it('packs the bundled code, the declarations and the manifest, nothing else', () => {
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    const declarations = listing.filter((file) => file.startsWith('package/dist/types/'));
    expect(listing).toEqual(
      [
        'package/README.md',
        'package/dist/index.js',
        'package/dist/powertools.js',
        'package/package.json',
        ...declarations,
      ].sort(),
    );
    expect(declarations).toContain('package/dist/types/index.d.ts');
    expect(declarations.every((file) => file.endsWith('.d.ts'))).toBe(true);
  });

  it('declares its types next to the code, importing only its own files and its (peer) dependencies', () => {
    const installed = join(project, 'node_modules', '@cream', 'logging');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest.exports['.']).toEqual({ types: './dist/types/index.d.ts', default: './dist/index.js' });
    const typesDir = join(installed, 'dist', 'types');
    const files = readdirSync(typesDir);
    const imported = files.flatMap((file) =>
      [...readFileSync(join(typesDir, file), 'utf8').matchAll(/(?:from|import\()\s*'([^']+)'/g)].map(
        (match) => match[1] as string,
      ),
    );
    const local = imported.filter((specifier) => specifier.startsWith('.'));
    for (const specifier of local) expect(files).toContain(`${specifier.replace(/^\.\//, '')}.d.ts`);
    expect(new Set(imported.filter((specifier) => !specifier.startsWith('.')))).toEqual(
      new Set([
        '@aws-lambda-powertools/logger',
        '@aws-lambda-powertools/logger/types',
        '@middy/core',
        'aws-lambda',
      ]),
    );
  });

  it('type-checks a handler on requestLogging and logEvent, and rejects a misspelled event name', () => {
    const tsc = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = spawnSync(process.execPath, [tsc, '-p', project, '--pretty', 'false'], {
      cwd: project,
      encoding: 'utf8',
    });

    const errors = result.stdout.trim().split('\n');
    expect(errors).toEqual([
      expect.stringMatching(
        /^src\/misspelled\.ts\(4,10\): error TS2345: Argument of type '"user_actoin"' is not assignable to parameter of type '.*"user_action".*'\.$/,
      ),
    ]);
    expect(result.status).toBe(2);
  });

  it('runs from the installed package: a request through Middy, with a timed fetch, writes its records', () => {
    const output = execFileSync(process.execPath, ['runtime.mjs'], { cwd: project, encoding: 'utf8' });
    const { response, records } = JSON.parse(output);

    expect(response).toEqual({
      statusCode: 200,
      body: JSON.stringify({ correlation: 'corr-from-caller' }),
      headers: { 'x-correlation-id': 'corr-from-caller' },
    });
    expect(records).toEqual([
      expect.objectContaining({
        message: 'external_call',
        correlation_id: 'corr-from-caller',
        http_method: 'GET',
        http_path: '/prices/{id}',
        http_status: 200,
      }),
      expect.objectContaining({ message: 'user_action', correlation_id: 'corr-from-caller', target: '42' }),
      expect.objectContaining({
        message: 'request_completed',
        correlation_id: 'corr-from-caller',
        route: '/orders/{id}',
        status_code: 200,
      }),
    ]);
  });
});
