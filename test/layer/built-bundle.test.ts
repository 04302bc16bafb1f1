/** The layer as Lambda loads it: the esbuild bundle, not the sources jest maps `@cream/logging` to. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLayer, layerPackageDir } from '../../layer/build';

interface BundleApi {
  setLogSink(sink: ((line: string) => void) | undefined): void;
  logEvent(name: string, fields: object): void;
}

describe('the built layer bundle', () => {
  const first = mkdtempSync(join(tmpdir(), 'cream-layer-a-'));
  const second = mkdtempSync(join(tmpdir(), 'cream-layer-b-'));
  beforeAll(() => {
    buildLayer(first);
    buildLayer(second);
  });
  afterAll(() => {
    rmSync(first, { recursive: true, force: true });
    rmSync(second, { recursive: true, force: true });
  });

  it('is a package at nodejs/node_modules/@cream/logging with a manifest', () => {
    const manifest = JSON.parse(readFileSync(join(layerPackageDir(first), 'package.json'), 'utf8'));
    expect(manifest).toEqual({
      name: '@cream/logging',
      version: '0.1.0',
      main: 'index.js',
      types: 'types/index.d.ts',
    });
  });

  it('writes a contract record when loaded on its own', () => {
    // Cast: the bundle is plain CommonJS with no types; the interface names what this test calls
    const bundle = require(join(layerPackageDir(first), 'index.js')) as BundleApi;
    const lines: string[] = [];
    bundle.setLogSink((line) => lines.push(line));

    bundle.logEvent('login_attempt', { outcome: 'success', user: 'jane@example.com' });

    expect(lines.map((line) => JSON.parse(line))).toEqual([
      {
        timestamp: expect.any(String),
        level: 'INFO',
        service: 'service_undefined',
        message: 'login_attempt',
        category: 'security',
        outcome: 'success',
        user: 'j***@example.com',
      },
    ]);
  });

  it('loads Powertools (its second file) only when the handler first logs: a request alone does not', () => {
    // a fresh process, as Lambda starts one: which files did require() load, after a request and after logging?
    const script = `
      const { join } = require('node:path');
      const dir = ${JSON.stringify(layerPackageDir(first))};
      const layer = require(join(dir, 'index.js'));
      const loaded = () => Object.keys(require.cache).some((file) => file === join(dir, 'powertools.js'));
      const lines = [];
      layer.setLogSink((line) => lines.push(line));
      const middleware = layer.requestLogging();
      const request = { event: {}, context: { awsRequestId: 'r-1' }, response: undefined, internal: {} };
      middleware.before(request);
      request.response = { statusCode: 200 };
      middleware.after(request);
      const afterRequest = loaded();
      layer.logger.info('handler_line');
      process.stdout.write(JSON.stringify({ afterRequest, afterLogging: loaded(), lines: lines.map((l) => JSON.parse(l).message) }));
    `;

    const result = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));

    expect(result).toEqual({
      afterRequest: false,
      afterLogging: true,
      lines: ['request_completed', 'handler_line'],
    });
  });

  it('is deterministic: two builds give the same bytes', () => {
    const declarations = readdirSync(join(layerPackageDir(first), 'types')).map((name) => `types/${name}`);
    expect(declarations).toContain('types/index.d.ts');
    expect(readdirSync(join(layerPackageDir(second), 'types')).map((name) => `types/${name}`)).toEqual(
      declarations,
    );
    for (const file of ['index.js', 'powertools.js', 'package.json', ...declarations]) {
      expect(readFileSync(join(layerPackageDir(second), file))).toEqual(
        readFileSync(join(layerPackageDir(first), file)),
      );
    }
  });

  it('leaves the AWS SDK external and contains no absolute build paths', () => {
    const code = readFileSync(join(layerPackageDir(first), 'index.js'), 'utf8');
    expect(code).not.toContain(join(__dirname, '..', '..'));
    expect(code).not.toMatch(/class DynamoDBClient\b/);
    const typesDir = join(layerPackageDir(first), 'types');
    for (const name of readdirSync(typesDir)) {
      expect(readFileSync(join(typesDir, name), 'utf8')).not.toContain(join(__dirname, '..', '..'));
    }
  });
});
