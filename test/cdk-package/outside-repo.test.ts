/**
 * `@cream/logging` and `@cream/logging-cdk` as another CDK app gets them: both workspaces packed, installed
 * with aws-cdk-lib, constructs, esbuild, Middy, TypeScript and the type packages into a throw-away project
 * outside this repository (offline, from the npm cache: `offline-project.ts`), type-checked with the project's
 * own TypeScript, and synthesized with `node` (no CDK CLI, no credentials, env-agnostic stacks).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { writeConsumerTsconfig } from '../support/consumer-tsconfig';
import { appSource, handlerSource, misspelledSource } from './consumer-sources';
import { cleanEnv, npm, writeOfflineProject } from './offline-project';

const repoRoot = join(__dirname, '..', '..');
const registryPackages = [
  'aws-cdk-lib',
  'constructs',
  'esbuild',
  '@middy/core',
  'typescript',
  '@types/aws-lambda',
  '@types/node',
];
const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

describe('the CDK package in another app, installed outside the repository', () => {
  const packDir = mkdtempSync(join(tmpdir(), 'cream-cdk-pack-'));
  const project = mkdtempSync(join(tmpdir(), 'cream-cdk-app-'));
  let tsc: ReturnType<typeof spawnSync>;
  let orders: Template;
  let shared: Template;

  /** The folder of a Lambda resource's code in the cloud assembly (its S3 key is `<asset hash>.zip`). */
  const assetDir = (template: Template, type: string): string => {
    const [resource] = Object.values(template.findResources(type)) as Resources[string][];
    const key = (resource?.Properties.Code ?? resource?.Properties.Content) as { S3Key: string };
    return join(project, 'cdk.out', `asset.${key.S3Key.replace(/\.zip$/, '')}`);
  };

  beforeAll(() => {
    // The layer workspace is packed from a copy: its prepack and postpack write and remove layer/dist, which
    // test/layer/package.test.ts packs too, maybe at the same time in another jest worker.
    const stage = join(packDir, 'stage');
    cpSync(join(repoRoot, 'layer'), join(stage, 'layer'), {
      recursive: true,
      filter: (source) => !/[/\\](dist|node_modules)$/.test(source),
    });
    // what its build reads next to it: this repository's packages and lock file
    symlinkSync(join(repoRoot, 'node_modules'), join(stage, 'node_modules'));
    cpSync(join(repoRoot, 'package-lock.json'), join(stage, 'package-lock.json'));
    npm(['pack', '--pack-destination', packDir, ...quiet], join(stage, 'layer'));
    npm(['pack', '--pack-destination', packDir, ...quiet], join(repoRoot, 'cdk'));
    const tarballs = readdirSync(packDir)
      .filter((name) => name.endsWith('.tgz'))
      .map((name) => join(packDir, name));
    writeOfflineProject(project, registryPackages, tarballs);
    npm(['ci', '--offline', '--ignore-scripts', ...quiet], project);

    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, 'src', 'orders.ts'), handlerSource);
    writeFileSync(join(project, 'src', 'misspelled.ts'), misspelledSource);
    writeFileSync(join(project, 'cdk-app.ts'), appSource);
    writeConsumerTsconfig(project, ['src', 'cdk-app.ts']);
    tsc = spawnSync(
      process.execPath,
      [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '--pretty', 'false'],
      {
        cwd: project,
        encoding: 'utf8',
      },
    );

    // The app as a team runs it: compiled by its esbuild, synthesized by node (what `cdk synth` runs).
    const esbuild = join(project, 'node_modules', 'esbuild', 'bin', 'esbuild');
    execFileSync(process.execPath, [
      esbuild,
      join(project, 'cdk-app.ts'),
      '--bundle',
      '--platform=node',
      '--packages=external',
      `--outfile=${join(project, 'cdk-app.js')}`,
      '--log-level=error',
    ]);
    execFileSync(process.execPath, ['cdk-app.js'], {
      cwd: project,
      env: cleanEnv(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const template = (stack: string) =>
      Template.fromJSON(JSON.parse(readFileSync(join(project, 'cdk.out', `${stack}.template.json`), 'utf8')));
    orders = template('Orders');
    shared = template('CreamLogging');
    // About 25 s on an idle machine (pack, npm ci, tsc, synth with bundling); room for a loaded one.
  }, 240_000);

  afterAll(() => {
    rmSync(packDir, { recursive: true, force: true });
    rmSync(project, { recursive: true, force: true });
  });

  it('installs both packages from their tarballs, with the same version as this repository', () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    for (const name of ['@cream/logging', '@cream/logging-cdk']) {
      const manifest = JSON.parse(readFileSync(join(project, 'node_modules', name, 'package.json'), 'utf8'));
      expect(manifest.version).toBe(version);
    }
  });

  it('packs the bundled constructs, their declarations and the built layer, nothing else', () => {
    const tarball = join(
      packDir,
      `cream-logging-cdk-${JSON.parse(readFileSync(join(repoRoot, 'cdk', 'package.json'), 'utf8')).version}.tgz`,
    );
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    const layerFiles = listing.filter((file) => file.startsWith('package/dist/layer/'));
    const declarations = listing.filter((file) => file.startsWith('package/dist/types/'));

    expect(listing.sort()).toEqual(
      [
        'package/package.json',
        'package/dist/index.js',
        'package/dist/index.d.ts',
        ...layerFiles,
        ...declarations,
      ].sort(),
    );
    expect(layerFiles).toEqual(
      expect.arrayContaining([
        'package/dist/layer/nodejs/node_modules/@cream/logging/index.js',
        'package/dist/layer/nodejs/node_modules/@cream/logging/package.json',
      ]),
    );
    expect(declarations).toContain('package/dist/types/lib/logged-function.d.ts');
    // the declarations name only the peers and their own files: the app's types resolve nothing of this repository
    const installed = join(project, 'node_modules', '@cream', 'logging-cdk');
    const imported = declarations.flatMap((file) =>
      [
        ...readFileSync(join(installed, file.slice('package/'.length)), 'utf8').matchAll(
          /from '([^'.][^']*)'/g,
        ),
      ].map((match) => (match[1] as string).split('/')[0]),
    );
    expect(new Set(imported)).toEqual(new Set(['aws-cdk-lib', 'constructs']));
  });

  it('type-checks the app and a handler on requestLogging and logEvent, and rejects a misspelled event name', () => {
    const errors = String(tsc.stdout).trim().split('\n');
    expect(errors).toEqual([
      expect.stringMatching(
        /^src\/misspelled\.ts\(4,10\): error TS2345: Argument of type '"user_actoin"' is not assignable to parameter of type '.*"user_action".*'\.$/,
      ),
    ]);
    expect(tsc.status).toBe(2);
  });

  it('attaches the layer by the SSM parameter the layer stack publishes, resolved at deploy time', () => {
    const [parameterId, parameter] = Object.entries(
      orders.toJSON().Parameters as Record<string, object>,
    ).find(([, value]) => (value as { Type: string }).Type === 'AWS::SSM::Parameter::Value<String>') as [
      string,
      { Default: string },
    ];
    const published = Object.values(shared.findResources('AWS::SSM::Parameter')) as Resources[string][];

    expect(published.map((resource) => resource.Properties.Name)).toEqual([parameter.Default]);
    expect(parameter.Default).toBe('/cream-logging/CreamLogging/layer-version-arn');
    orders.hasResourceProperties('AWS::Lambda::Function', {
      Layers: [{ Ref: parameterId }],
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
    });
    orders.resourceCountIs('AWS::Lambda::LayerVersion', 0);
  });

  it('gives the function its own log group with the retention the app asked for', () => {
    const [logGroupId] = Object.keys(orders.findResources('AWS::Logs::LogGroup'));
    orders.resourceCountIs('AWS::Logs::LogGroup', 1);
    orders.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    orders.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON', LogGroup: { Ref: logGroupId } }),
    });
  });

  it("creates the function's metric filters and alarms, each notifying the alarm topic, and no Cream-stack ones", () => {
    const [topicId] = Object.keys(orders.findResources('AWS::SNS::Topic'));
    const [functionId] = Object.keys(orders.findResources('AWS::Lambda::Function'));
    const alarms = Object.entries(orders.findResources('AWS::CloudWatch::Alarm'));

    orders.resourceCountIs('AWS::Logs::MetricFilter', 4);
    orders.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
    expect(alarms.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(
      [
        'MonitoringAlarmsErrorEvents',
        'MonitoringAlarmsServerErrorRateorders',
        'MonitoringAlarmsTimeouts',
        'MonitoringAlarmsP99Latencyorders',
        'MonitoringPlatformAlarmsLambdaErrorsorders',
        'MonitoringPlatformAlarmsLambdaThrottlesorders',
        'MonitoringPlatformAlarmsLambdaDurationorders',
      ].sort(),
    );
    for (const [, alarm] of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    }
    orders.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId } }],
    });
  });

  it("bundles the handler with the app's esbuild, @cream/logging left to the layer the package ships", () => {
    const bundled = assetDir(orders, 'AWS::Lambda::Function');
    const layerPackage = join(assetDir(shared, 'AWS::Lambda::LayerVersion'), 'nodejs', 'node_modules');
    expect(readFileSync(join(bundled, 'index.js'), 'utf8')).toContain('require("@cream/logging")');
    expect(existsSync(join(layerPackage, '@cream', 'logging', 'index.js'))).toBe(true);
    // Out of the project, whose node_modules also holds @cream/logging (the types' copy): only the layer's is found.
    const task = join(packDir, 'task');
    cpSync(bundled, task, { recursive: true });
    const bundle = join(task, 'index.js');

    // What Lambda does: the bundle, and the layer's packages on the module path (/opt/nodejs/node_modules).
    const invoke = `
      const { handler } = require(${JSON.stringify(bundle)});
      handler(
        { version: '2.0', routeKey: 'GET /orders/{id}', rawPath: '/orders/42', rawQueryString: '', headers: {},
          pathParameters: { id: '42' },
          requestContext: { requestId: 'gw-1', http: { method: 'GET', path: '/orders/42', sourceIp: '203.0.113.9' } } },
        { awsRequestId: 'req-1', functionName: 'orders', getRemainingTimeInMillis: () => 3000 },
      ).then((response) => process.stdout.write(JSON.stringify({ response })));`;
    const output = execFileSync(process.execPath, ['-e', invoke], {
      cwd: task,
      env: { ...cleanEnv(), NODE_PATH: layerPackage, POWERTOOLS_SERVICE_NAME: 'orders' },
      encoding: 'utf8',
    });
    // the records on stdout, one JSON per line, as Lambda reads them; the response last
    const lines = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const { response } = lines.pop();
    const records = lines;

    expect(response).toMatchObject({ statusCode: 200, body: JSON.stringify({ id: '42' }) });
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ message: 'user_action', target: '42', service: 'orders' }),
        expect.objectContaining({ message: 'request_completed', route: '/orders/{id}', status_code: 200 }),
      ]),
    );
  });
});
