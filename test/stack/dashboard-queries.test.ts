/**
 * The dashboard's memory and outgoing-call widgets, as the template holds them, run on the local Insights
 * engine over records the real middleware wrote for a handler that calls a real local HTTP server.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import middy from '@middy/core';
import { type InsightsEvent, rowObjects, runQuery } from '../../tools/insights';
import { splitSources } from '../../tools/local/web/dashboard-body';
import { httpApiEvent, lambdaContext } from '../layer/helpers';
import { type SynthesizedStack, synthesize } from './synth';

let synth: SynthesizedStack;
let server: Server;
let host = '';
const savedEnv = { ...process.env };

beforeAll(async () => {
  synth = synthesize();
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  synth.cleanup();
  process.env = savedEnv;
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

/** The query text of the dashboard's log widget whose title starts so, and the groups it reads. */
const widgetQuery = (titlePrefix: string): { query: string; logGroups: string[] } => {
  const dashboard = Object.values(synth.template.findResources('AWS::CloudWatch::Dashboard'))[0];
  const body = (dashboard.Properties.DashboardBody['Fn::Join'][1] as unknown[])
    .map((part) => (typeof part === 'string' ? part : `group-${(part as { Ref: string }).Ref}`))
    .join('');
  const widget = (
    JSON.parse(body).widgets as { type: string; properties: { title: string; query: string } }[]
  )
    .filter((w) => w.type === 'log')
    .find((w) => w.properties.title.startsWith(titlePrefix));
  if (!widget) throw new Error(`no log widget "${titlePrefix}"`);
  return splitSources(widget.properties.query);
};

/** Three requests of one fresh instance of a 256 MB "orders" function, each calling the local server. */
const ordersRecords = async (): Promise<InsightsEvent[]> => {
  Object.assign(process.env, {
    POWERTOOLS_SERVICE_NAME: 'orders',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  });
  // A fresh copy of the layer, as a new instance loads it: the service name is read at load, the first
  // request is the cold start.
  let layer: typeof import('../../layer/src/index') | undefined;
  jest.isolateModules(() => {
    layer = require('../../layer/src/index');
  });
  if (!layer) throw new Error('the layer did not load');
  const { requestLogging, setLogSink } = layer;
  const lines: string[] = [];
  setLogSink((line) => lines.push(line));
  // slowMs 0 writes every call at INFO (a call at DEBUG reaches the group only when its request fails)
  const handler = middy(async (event: { rawPath: string }) => {
    const id = event.rawPath.split('/').pop();
    await (await fetch(`http://${host}/stock/${id}?token=secret`)).text();
    if (id === '1003') await (await fetch(`http://${host}/prices`)).text();
    return { statusCode: 200, body: '{}' };
  }).use(requestLogging({ httpClient: { slowMs: 0 } }));
  try {
    for (const id of [1001, 1002, 1003]) {
      const path = `/orders/${id}`;
      await handler(
        httpApiEvent({ routeKey: 'GET /orders/{id}', rawPath: path }) as never,
        lambdaContext({ awsRequestId: `lambda-${id}` }),
      );
    }
  } finally {
    setLogSink(undefined);
  }
  return lines.map((line) => ({
    timestamp: Date.parse(String((JSON.parse(line) as { timestamp: string }).timestamp)),
    message: line,
    logGroup: 'group-orders',
  }));
};

describe('dashboard widgets on the layer’s records', () => {
  let events: InsightsEvent[];
  beforeAll(async () => {
    events = await ordersRecords();
  });

  it('reads every function group in both widgets', () => {
    const groups = Object.values(synth.stack.functions).map(
      (fn) => `group-${synth.stack.getLogicalId(fn.logGroup.node.defaultChild as never)}`,
    );
    for (const title of ['Memory per function', 'Outgoing HTTP calls'])
      expect(widgetQuery(title).logGroups).toEqual(groups);
  });

  it('shows the highest memory reading per function with its share of the configured memory', () => {
    const rows = rowObjects(runQuery(widgetQuery('Memory per function').query, events).rows);
    expect(rows).toEqual([
      expect.objectContaining({
        service: 'orders',
        memory_mb: '256',
        readings: expect.stringMatching(/^[1-9]/),
      }),
    ]);
    const [row] = rows;
    const rss = Number(row.max_rss_mb);
    expect(rss).toBeGreaterThan(0);
    expect(Number(row.max_heap_mb)).toBeGreaterThan(0);
    // the share is the RSS over the configured 256 MB, as the layer rounds it
    expect(Number(row.max_share)).toBeCloseTo(rss / 256, 2);
  });

  it('counts the logged outgoing calls per host and route-like path, with their p99', () => {
    const rows = rowObjects(runQuery(widgetQuery('Outgoing HTTP calls').query, events).rows);
    // most calls first; the path is route-like (no id, no query string)
    expect(rows.map((row) => [row.http_host, row.http_path, row.calls])).toEqual([
      [host, '/stock/{id}', '3'],
      [host, '/prices', '1'],
    ]);
    for (const row of rows) {
      expect(Number(row.p99_ms)).toBeGreaterThanOrEqual(0);
      expect(Number(row.p99_ms)).toBeLessThanOrEqual(Number(row.max_ms));
    }
  });
});
