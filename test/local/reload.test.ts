import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { functions } from '../../lib/functions';
import { bundleFunction, bundleSources, findEntry } from '../../tools/local/function-bundle';

/**
 * Hot reload end to end: `npm start` (the real entry point) runs a temporary copy of the project, the test
 * edits the copy's handler, shared module, layer and CDK app, and the next request shows each change
 * without a restart. The repository itself is never touched.
 */
const repo = path.resolve(__dirname, '../..');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-reload-'));
const project = path.join(workDir, 'project');
const home = path.join(workDir, 'home');
// Each edit waits up to 60 s (printed(), below) for its reload line, then makes requests.
jest.setTimeout(120_000);
// The copy has the repository's functions, login and health and any a team added (new:function): the
// expectations follow the registry.
const names = functions.map((definition) => definition.name);
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** The functions a `[cream] reloaded ...` line names, after an optional `layer, `. */
const reloadedNames = (line: string, cause: string): string[] => {
  const match = new RegExp(`reloaded (?:layer, )?([a-z0-9, -]+) \\(${escaped(cause)}\\)`).exec(line);
  if (!match) throw new Error(`not a reload line for ${cause}: ${line}`);
  return match[1].split(', ').sort();
};

const copyProject = () => {
  fs.mkdirSync(path.join(project, 'layer'), { recursive: true });
  for (const entry of [
    'bin',
    'lib',
    'functions',
    'cdk.json',
    'tsconfig.json',
    'package.json',
    'package-lock.json',
  ]) {
    fs.cpSync(path.join(repo, entry), path.join(project, entry), { recursive: true });
  }
  // the layer package: its sources, build and manifest, not its build output
  fs.cpSync(path.join(repo, 'layer'), path.join(project, 'layer'), {
    recursive: true,
    filter: (source) => !/[\\/](dist|node_modules)$/.test(source),
  });
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'junction');
};

/**
 * Rewrites a copied file in one write (so one save, one reload); fails loudly if the text to replace is not
 * there (the sources moved on and the test must follow).
 */
const edit = (file: string, from: string | RegExp, to: string) => {
  const full = path.join(project, file);
  const text = fs.readFileSync(full, 'utf8');
  const found = typeof from === 'string' ? text.includes(from) : from.test(text);
  if (!found) throw new Error(`${file} does not contain ${from}`);
  fs.writeFileSync(full, typeof from === 'string' ? text.replace(from, to) : text.replaceAll(from, to));
};

let runtime: ChildProcess;
let output = '';
let url = '';

/** Waits for a line printed after `since` (an offset into the output), so an earlier reload never counts. */
const printed = async (pattern: RegExp, since: number, timeoutMs = 60_000): Promise<string> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(output.slice(since));
    if (match) return match[0];
    if (Date.now() > deadline || runtime.exitCode !== null) {
      throw new Error(`no ${pattern} in the output:\n${output.slice(since)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const health = async (route = '/health/logs') => {
  const response = await fetch(`${url}${route}`);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
};

beforeAll(async () => {
  copyProject();
  runtime = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repo, 'tools/local/start.ts'),
      '--project-root',
      project,
      '--home',
      home,
      '--port',
      '0',
    ],
    { cwd: repo, detached: true, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  runtime.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  runtime.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await printed(/Press Ctrl-C to stop/, 0, 120_000);
  // Port 0: the runtime binds a free port itself (one probed free beforehand could be taken meanwhile).
  url = `http://127.0.0.1:${/running locally at http:\/\/localhost:(\d+)/.exec(output)?.[1]}`;
}, 150_000);

afterAll(async () => {
  if (runtime?.pid && runtime.exitCode === null) {
    const exited = new Promise((resolve) => runtime.once('exit', resolve));
    process.kill(-runtime.pid, 'SIGTERM');
    await exited;
  }
  // Nothing of the group may outlive the suite, even after a failure half-way.
  const group = execFileSync('ps', ['-e', '-o', 'pgid=,stat='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => Number(line.trim().split(/\s+/)[0]) === runtime?.pid && !/\sZ/.test(line));
  if (group.length > 0 && runtime.pid) process.kill(-runtime.pid, 'SIGKILL');
  fs.rmSync(workDir, { recursive: true, force: true });
}, 30_000);

describe('npm start hot reload', () => {
  it("rebuilds a function byte for byte as the stack's bundling does", async () => {
    const cdkOut = path.join(project, 'cdk.out');
    const assets = fs
      .readdirSync(cdkOut)
      .filter((name) => fs.existsSync(path.join(cdkOut, name, 'index.js.map')));
    expect(assets).toHaveLength(functions.length);
    for (const asset of assets) {
      const codeDir = path.join(cdkOut, asset);
      const entry = await findEntry(bundleSources(codeDir), project);
      expect(entry).toMatch(new RegExp(`functions/(${names.join('|')})/index\\.ts$`));
      const outDir = path.join(workDir, 'rebuilt', asset);
      await bundleFunction({ entry: entry!, outDir, runtime: 'nodejs24.x', projectRoot: project });
      expect(
        fs
          .readFileSync(path.join(outDir, 'index.js'))
          .equals(fs.readFileSync(path.join(codeDir, 'index.js'))),
      ).toBe(true);
    }
  });

  it("serves an edited handler's response on the next request, reloading only that function", async () => {
    expect((await health()).body.component).toBe('logging');
    const since = output.length;

    edit('functions/health/index.ts', /component: 'logging'/g, "component: 'logging-v2'");

    expect(await printed(/\[cream\] reloaded [^\n]*/, since)).toMatch(
      /^\[cream\] reloaded health \(functions\/health\/index\.ts\) in \d+ ms$/,
    );
    expect((await health()).body.component).toBe('logging-v2');
  });

  it('reloads every function that imports an edited shared module', async () => {
    const since = output.length;
    edit(
      'functions/shared/json-response.ts',
      "'cache-control': 'no-store',",
      "'cache-control': 'no-store', 'x-reload-probe': 'v2',",
    );

    // login and health import it; a team's function may too
    const reloaded = reloadedNames(
      await printed(/\[cream\] reloaded [^\n]*/, since),
      'functions/shared/json-response.ts',
    );
    expect(reloaded).toEqual(expect.arrayContaining(['health', 'login']));
    expect(names).toEqual(expect.arrayContaining(reloaded));
    expect((await health()).headers.get('x-reload-probe')).toBe('v2');
    const login = await fetch(`${url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(login.headers.get('x-reload-probe')).toBe('v2');
  });

  it('keeps serving the previous code when an edit does not build, and reloads once it is fixed', async () => {
    const file = path.join(project, 'functions/health/index.ts');
    const good = fs.readFileSync(file, 'utf8');
    const before = (await health()).body.component;
    let since = output.length;

    fs.writeFileSync(file, `${good}\nexport const broken = ;\n`);
    const failure = await printed(/\[cream\] reload failed[^\n]*\n[^\n]*\n[^\n]*/, since);
    expect(failure).toMatch(
      /^\[cream\] reload failed \(functions\/health\/index\.ts\); still running the previous code:\n/,
    );
    expect(failure).toMatch(/functions\/health\/index\.ts:\d+:\d+: ERROR: Unexpected ";"/);
    expect((await health()).body.component).toBe(before);

    since = output.length;
    fs.writeFileSync(file, good.replaceAll(/component: '[^']*'/g, "component: 'logging-fixed'"));
    await printed(/\[cream\] reloaded health/, since);
    expect((await health()).body.component).toBe('logging-fixed');
  });

  it('rebuilds the layer and restarts the functions that use it when a layer source changes', async () => {
    const since = output.length;
    fs.appendFileSync(path.join(project, 'layer/src/index.ts'), "\nconsole.log('layer build v2 loaded');\n");

    const line = await printed(/\[cream\] reloaded [^\n]*/, since);
    expect(line).toMatch(/reloaded layer, /);
    // every function runs on the layer
    expect(reloadedNames(line, 'layer/src/index.ts')).toEqual([...names].sort());
    await health();
    // The new instance loaded the new layer at INIT (a cold start) and printed from it.
    await printed(/layer build v2 loaded/, since, 20_000);
  });

  it('re-synthesizes when the CDK app changes, and serves the new route', async () => {
    const since = output.length;
    // the routes live in the registry (lib/functions.ts)
    edit('lib/functions.ts', "routes: ['GET /health/logs']", "routes: ['GET /health/logs/v2']");

    expect(
      await printed(/\[cream\] lib\/functions\.ts changed: re-synthesizing the stack/, since),
    ).toBeTruthy();
    const routes = functions
      .flatMap((definition) => definition.routes)
      .map((route) => (route === 'GET /health/logs' ? 'GET /health/logs/v2' : route));
    await printed(
      new RegExp(`\\[cream\\] stack reloaded \\(${escaped(routes.join(', '))}\\) in [\\d.]+ s`),
      since,
      120_000,
    );
    const moved = await health('/health/logs/v2');
    expect(moved.body.checks).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'log_group_exists' })]),
    );
    expect((await fetch(`${url}/health/logs`)).status).toBe(404);
  }, 150_000);
});
