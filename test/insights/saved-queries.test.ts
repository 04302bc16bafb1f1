import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import middy from '@middy/core';
import { App, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { CorrelationIdPlaceholder, SavedQueries } from '../../lib/saved-queries';
import { type InsightsEvent, parseQuery, rowObjects, runQuery } from '../../tools/insights';
import { httpApiEvent, lambdaContext } from '../layer/helpers';

// Smoke test: every saved query of the stack parses and returns rows on records the layer really writes.
// (`logs verify` proves them on the scenario records of the deployed functions.)

/** The query strings as the stack saves them, read from the L1 resources without synthesizing. */
// An App creates its outdir (a cdk.out* temp folder) even when nothing is synthesized: give it one to remove.
const outdir = mkdtempSync(join(tmpdir(), 'cream-saved-queries-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const savedQueryStrings = (): Record<string, string> => {
  const stack = new Stack(new App({ outdir }), 'Queries');
  const group = (id: string) => new logs.LogGroup(stack, id);
  const saved = new SavedQueries(stack, 'Saved', {
    functionLogGroups: [group('Login'), group('Health')],
    loginLogGroup: group('LoginOnly'),
    accessLogGroup: group('Access'),
  });
  return Object.fromEntries(
    Object.entries(saved.queries).map(([name, query]) => [
      name,
      (query.node.defaultChild as logs.CfnQueryDefinition).queryString,
    ]),
  );
};

type HttpEvent = ReturnType<typeof httpApiEvent>;

const request = (i: number, path: string, sourceIp = '198.51.100.4'): HttpEvent =>
  httpApiEvent({
    routeKey: `POST ${path}`,
    rawPath: path,
    requestContext: {
      requestId: `gateway-request-${i}`,
      domainName: 'api.example.com',
      http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp, userAgent: 'jest' },
    },
  });

type Layer = typeof import('../../layer/src/index');

/** The layer as a fresh Lambda environment loads it: the first invocation is a cold start. */
const loadLayer = (): Layer => {
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    POWERTOOLS_SERVICE_NAME: 'login',
  });
  let layer: Layer | undefined;
  try {
    jest.isolateModules(() => {
      layer = require('../../layer/src/index') as Layer;
    });
  } finally {
    process.env = saved;
  }
  return layer!;
};

/** Records of a small session: logins (three failures from one address), a slow request, a failure. */
const layerRecords = async (): Promise<InsightsEvent[]> => {
  const { logEvent, requestLogging, setLogSink } = loadLayer();
  const lines: string[] = [];
  setLogSink((line) => lines.push(line));
  const login = middy(async (event: HttpEvent) => {
    const client = {
      source_ip: event.requestContext.http.sourceIp,
      user_agent: event.requestContext.http.userAgent,
    };
    const ok = event.requestContext.http.sourceIp !== '203.0.113.9';
    logEvent(
      'login_attempt',
      ok
        ? { outcome: 'success', user: 'j***@example.com', user_hash: 'a1', ...client }
        : {
            outcome: 'failure',
            reason: 'bad_password',
            user: 'j***@example.com',
            user_hash: 'a1',
            ...client,
          },
    );
    return { statusCode: ok ? 200 : 401, body: '{}' };
  }).use(requestLogging());
  const slow = middy(async () => {
    await new Promise((resolve) => setTimeout(resolve, 30));
    return { statusCode: 200, body: '{}' };
  }).use(requestLogging());
  const broken = middy(async () => {
    throw new TypeError('cannot read the order');
  }).use(requestLogging());
  // A fake clock (hrtime included): only the slow request's 30 ms pass, so it is the slowest whatever the load.
  jest.useFakeTimers({ now: Date.UTC(2026, 0, 1, 12) });
  try {
    await login(request(1, '/login'), lambdaContext({ awsRequestId: 'lambda-1' }));
    for (const i of [2, 3, 4])
      await login(request(i, '/login', '203.0.113.9'), lambdaContext({ awsRequestId: `lambda-${i}` }));
    const slowDone = slow(request(5, '/orders'), lambdaContext({ awsRequestId: 'lambda-5' }));
    await jest.advanceTimersByTimeAsync(30);
    await slowDone;
    await broken(request(6, '/orders'), lambdaContext({ awsRequestId: 'lambda-6' })).catch(() => undefined);
  } finally {
    jest.useRealTimers();
    setLogSink(undefined);
  }
  const events = lines.map((line) => ({
    timestamp: Date.parse(String((JSON.parse(line) as { timestamp: string }).timestamp)),
    message: line,
    logGroup: '123456789012:/aws/lambda/cream-Login',
  }));
  // API Gateway's access log line for the first request (its requestId is the default correlation id).
  const access = {
    requestId: 'gateway-request-1',
    ip: '198.51.100.4',
    httpMethod: 'POST',
    path: '/login',
    status: '200',
    responseLatency: '12',
  };
  return [
    ...events,
    {
      timestamp: events[0].timestamp,
      message: JSON.stringify(access),
      logGroup: '123456789012:/aws/http-api/access',
    },
  ];
};

describe('the stack’s saved queries', () => {
  let queries: Record<string, string>;
  let events: InsightsEvent[];
  const rows = (name: string, text = queries[name]) => rowObjects(runQuery(text, events).rows);

  beforeAll(async () => {
    queries = savedQueryStrings();
    events = await layerRecords();
  });

  it('all parse as Logs Insights queries', () => {
    expect(Object.keys(queries).sort()).toEqual(
      [
        'coldStarts',
        'failedLoginsBySourceIp',
        'latencyByRoute',
        'recentErrors',
        'requestByCorrelationId',
        'slowestRequests',
      ].sort(),
    );
    for (const text of Object.values(queries)) expect(() => parseQuery(text)).not.toThrow();
  });

  it('find the failed logins of the brute-force address', () => {
    expect(rows('failedLoginsBySourceIp')).toEqual([
      expect.objectContaining({
        source_ip: '203.0.113.9',
        failures: '3',
        users: '1',
        reasons: '1',
        last_seen: expect.any(String),
      }),
    ]);
  });

  it('put the slow request first and find the failed one with its error', () => {
    expect(rows('slowestRequests')[0]).toEqual(
      expect.objectContaining({ route: '/orders', status_code: '200', duration_ms: '30' }),
    );
    expect(rows('recentErrors')).toEqual([
      expect.objectContaining({ 'error.name': 'TypeError', 'error.message': 'cannot read the order' }),
    ]);
  });

  it('give latency per route, cold starts, and one request by correlation id across function and access logs', () => {
    expect(
      rows('latencyByRoute')
        .map((row) => row.route)
        .sort(),
    ).toEqual(['/login', '/orders']);
    expect(rows('coldStarts')).toEqual([
      expect.objectContaining({ cold_starts: expect.stringMatching(/^[1-9]/) }),
    ]);
    const oneRequest = rows(
      'requestByCorrelationId',
      queries.requestByCorrelationId.replaceAll(CorrelationIdPlaceholder, 'gateway-request-1'),
    );
    expect(oneRequest.map((row) => row['@log']).sort()).toEqual([
      '123456789012:/aws/http-api/access',
      '123456789012:/aws/lambda/cream-Login',
      '123456789012:/aws/lambda/cream-Login',
    ]);
    expect(oneRequest.map((row) => row.message).filter(Boolean)).toEqual([
      'login_attempt',
      'request_completed',
    ]);
  });
});
