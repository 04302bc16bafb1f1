import middy from '@middy/core';
import { resolveLogLevel } from '../../layer/src/log-level';
import { httpApiEvent, type LogRecord, lambdaContext } from './helpers';

type Layer = typeof import('../../layer/src/index');

/** A fresh copy of the layer, loaded with `env` set, as Lambda loads it at init; `lines` sees everything it writes. */
const loadLayer = (
  env: Record<string, string>,
): { layer: Layer; lines: string[]; records: () => LogRecord[] } => {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const lines: string[] = [];
  let layer: Layer | undefined;
  try {
    jest.isolateModules(() => {
      layer = require('../../layer/src/index') as Layer;
    });
  } finally {
    for (const key of Object.keys(env)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
  if (!layer) throw new Error('layer not loaded');
  layer.setLogSink((line) => lines.push(line));
  return { layer, lines, records: () => lines.map((line) => JSON.parse(line) as LogRecord) };
};

describe('the level rule', () => {
  it.each([
    [
      'ALC DEBUG and LOG_LEVEL INFO (the stack) give INFO',
      { AWS_LAMBDA_LOG_LEVEL: 'DEBUG', LOG_LEVEL: 'INFO' },
      'INFO',
    ],
    ['ALC INFO and LOG_LEVEL DEBUG give INFO', { AWS_LAMBDA_LOG_LEVEL: 'INFO', LOG_LEVEL: 'DEBUG' }, 'INFO'],
    ['ALC WARN alone gives WARN', { AWS_LAMBDA_LOG_LEVEL: 'WARN' }, 'WARN'],
    ['LOG_LEVEL debug alone gives DEBUG', { LOG_LEVEL: 'debug' }, 'DEBUG'],
    [
      'POWERTOOLS_LOG_LEVEL is read before LOG_LEVEL',
      { POWERTOOLS_LOG_LEVEL: 'ERROR', LOG_LEVEL: 'DEBUG' },
      'ERROR',
    ],
    ["Lambda's FATAL is CRITICAL", { AWS_LAMBDA_LOG_LEVEL: 'FATAL', LOG_LEVEL: 'INFO' }, 'CRITICAL'],
    ['an unknown name is ignored', { AWS_LAMBDA_LOG_LEVEL: 'LOUD', LOG_LEVEL: 'WARN' }, 'WARN'],
    ['nothing set gives INFO', {}, 'INFO'],
  ])('%s', (_title, env, expected) => {
    expect(resolveLogLevel(env)).toBe(expected);
  });

  it('applies the less verbose level with ALC at DEBUG, without Powertools warnings, and still flushes debug records of a failed request', async () => {
    // Prepare
    const { layer, lines, records } = loadLayer({
      AWS_LAMBDA_LOG_LEVEL: 'DEBUG',
      LOG_LEVEL: 'INFO',
    });
    const handler = middy(async () => {
      layer.logEvent('db_query', {
        aws_service: 'DynamoDB',
        operation: 'GetItem',
        duration_ms: 3,
        outcome: 'success',
      });
      throw new Error('boom');
    }).use(layer.requestLogging());
    process.env._X_AMZN_TRACE_ID =
      'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';

    // Act
    await expect(handler(httpApiEvent(), lambdaContext())).rejects.toThrow('boom');
    delete process.env._X_AMZN_TRACE_ID;
    // no request and no trace id: nothing buffers this one, and INFO does not print it
    layer.logEvent('db_query', {
      aws_service: 'DynamoDB',
      operation: 'Scan',
      duration_ms: 1,
      outcome: 'success',
    });

    // Assess
    expect(layer.logger.getLevelName()).toBe('INFO');
    expect(lines.join('\n')).not.toMatch(/Advanced Log|log level/i);
    expect(records().map((record) => [record.message, record.level])).toEqual([
      ['request_started', 'DEBUG'],
      ['db_query', 'DEBUG'],
      ['request_failed', 'ERROR'],
    ]);
  });
});

describe('a true cold start', () => {
  it('marks the first on-demand invocation only, in the record and as a ColdStart metric', async () => {
    // Prepare
    const { layer, records } = loadLayer({ AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' });
    const handler = middy(async () => ({ statusCode: 200 })).use(layer.requestLogging());

    // Act
    await handler(httpApiEvent(), lambdaContext());
    await handler(httpApiEvent(), lambdaContext({ awsRequestId: 'lambda-request-2' }));

    // Assess
    const [first, second] = records();
    expect(first).toMatchObject({ message: 'request_completed', cold_start: true, ColdStart: 1 });
    expect(first?._aws).toMatchObject({
      CloudWatchMetrics: [
        {
          Metrics: [
            { Name: 'RequestLatency', Unit: 'Milliseconds' },
            { Name: 'ColdStart', Unit: 'Count' },
          ],
        },
      ],
    });
    expect(second).toMatchObject({ message: 'request_completed', function_request_id: 'lambda-request-2' });
    expect(second).not.toHaveProperty('cold_start');
    expect(second).not.toHaveProperty('ColdStart');
  });

  it('is never marked under provisioned concurrency', async () => {
    const { layer, records } = loadLayer({ AWS_LAMBDA_INITIALIZATION_TYPE: 'provisioned-concurrency' });
    const handler = middy(async () => ({ statusCode: 200 })).use(layer.requestLogging());

    await handler(httpApiEvent(), lambdaContext());

    expect(records()[0]).not.toHaveProperty('cold_start');
  });
});

describe('metrics at a quiet log level', () => {
  it('still publishes the request metrics as a bare EMF line when LOG_LEVEL=WARN drops request_completed', async () => {
    // Prepare
    const { layer, records } = loadLayer({ LOG_LEVEL: 'WARN', POWERTOOLS_SERVICE_NAME: 'orders' });
    const handler = middy(async () => ({ statusCode: 200 })).use(layer.requestLogging());

    // Act
    await handler(httpApiEvent(), lambdaContext());

    // Assess
    expect(records()).toEqual([
      {
        service: 'orders',
        _aws: {
          Timestamp: expect.any(Number),
          CloudWatchMetrics: [
            {
              Namespace: 'CreamLogging',
              Dimensions: [['service']],
              Metrics: [{ Name: 'RequestLatency', Unit: 'Milliseconds' }],
            },
          ],
        },
        RequestLatency: expect.any(Number),
      },
    ]);
  });
});
