import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FunctionModel } from '../../tools/cloud-assembly';
import { type RequestSummary, startApiServer } from '../../tools/local/api-server';
import { FunctionHost } from '../../tools/local/function-host';
import {
  functionEnvironment,
  functionNodePath,
  prepareRuntimeFiles,
} from '../../tools/local/function-runtime';
import type { LogRecord } from '../../tools/local/log-records';
import { RouteTable } from '../../tools/local/route-table';

/**
 * The HTTP API in front of inline handlers (hand-made function models, no stack): API Gateway's answers for
 * timeouts and function errors, and Lambda's log level filtering.
 */
const projectRoot = path.resolve(__dirname, '../..');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-api-'));
const runtime = prepareRuntimeFiles(path.join(workDir, 'home'), projectRoot);

const inlineFunction = (name: string, source: string, timeoutSeconds = 1): FunctionModel => {
  const codeAssetPath = path.join(workDir, name);
  fs.mkdirSync(codeAssetPath);
  fs.writeFileSync(path.join(codeAssetPath, 'index.js'), source);
  return {
    logicalId: name,
    functionName: name,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    handler: 'index.handler',
    codeAssetPath,
    architectures: ['arm64'],
    timeoutSeconds,
    memoryMb: 128,
    environment: {},
    layers: [],
    logGroupName: `/aws/lambda/${name}`,
    logFormat: 'JSON',
    applicationLogLevel: 'INFO',
  };
};

const functions = [
  inlineFunction(
    'Echo',
    `exports.handler = async (event) => {
      console.debug('dropped by the INFO level');
      console.info('kept');
      return { path: event.rawPath, route: event.routeKey, id: event.pathParameters.id };
    };`,
  ),
  inlineFunction('Slow', 'exports.handler = () => new Promise((resolve) => setTimeout(resolve, 5000));'),
  inlineFunction('Broken', 'exports.handler = async () => { throw new Error("boom"); };'),
];

const records: LogRecord[] = [];
const summaries: RequestSummary[] = [];
const host = new FunctionHost(
  functions,
  (fn) => ({
    functionName: fn.functionName,
    workerScript: runtime.workerScript,
    cwd: fn.codeAssetPath!,
    timeoutMs: fn.timeoutSeconds * 1000,
    env: functionEnvironment({
      fn,
      region: 'us-east-1',
      nodePath: functionNodePath(fn, [], runtime),
      endpoints: {},
    }),
  }),
  (record) => records.push(record),
);
let api: Awaited<ReturnType<typeof startApiServer>>;
let url: string;

beforeAll(async () => {
  api = await startApiServer({
    port: 0,
    routes: new RouteTable([
      { routeKey: 'GET /echo/{id}', functionName: 'Echo' },
      { routeKey: 'GET /slow', functionName: 'Slow' },
      { routeKey: 'GET /broken', functionName: 'Broken' },
    ]),
    host,
    apiId: 'local',
    accountId: '000000000000',
    localEndpoints: { ping: () => ({ pong: true }) },
    onRequest: (summary) => summaries.push(summary),
  });
  url = `http://127.0.0.1:${api.port}`;
});

afterAll(async () => {
  await api.close();
  await host.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('the local HTTP API', () => {
  it('invokes the route function and maps a plain object to a 200 JSON response', async () => {
    const response = await fetch(`${url}/echo/42`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ path: '/echo/42', route: 'GET /echo/{id}', id: '42' });
    // Lambda's own START/REPORT (JSON format, system log level INFO by default) around the function's lines
    expect(
      records
        .filter((record) => record.functionName === 'Echo')
        .map((record) => record.record.message ?? record.record.type),
    ).toEqual(['platform.start', 'kept', 'platform.report']);
  });

  it('answers 503 Service Unavailable when the function times out, and logs the timeout', async () => {
    const started = Date.now();
    const response = await fetch(`${url}/slow`);

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ message: 'Service Unavailable' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(records).toContainEqual(
      expect.objectContaining({
        functionName: 'Slow',
        record: expect.objectContaining({
          type: 'platform.report',
          record: expect.objectContaining({ status: 'timeout' }),
        }),
      }),
    );
  });

  it('answers 500 Internal Server Error when the function throws', async () => {
    const response = await fetch(`${url}/broken`);

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    expect(summaries.at(-1)?.access).toMatchObject({
      status: 500,
      integrationErrorMessage: expect.stringContaining('Error'),
    });
  });

  it('answers 404 for unknown routes and serves the /_local endpoints', async () => {
    const missing = await fetch(`${url}/echo`);
    const local = await fetch(`${url}/_local/ping`);

    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: 'Not Found' });
    expect(await local.json()).toEqual({ pong: true });
  });
});
