/**
 * Memory on the final record, through the real middleware and the process's real memory: the cold start's
 * baseline, a request above the threshold share of the configured memory, nothing otherwise, and at most one
 * reading a second.
 */
import middy from '@middy/core';
import { httpApiEvent, type LogRecord, lambdaContext } from './helpers';

type Layer = typeof import('@cream/logging');

const memoryKeys = ['memory_used_mb', 'heap_used_mb', 'memory_limit_mb', 'memory_share'];

/** The environment each test changed, put back after it. */
const afterRestore: (() => void)[] = [];
afterEach(() => {
  for (const restore of afterRestore.splice(0)) restore();
});

/** A fresh copy of the layer, loaded under `env` (the cold-start rule reads the environment at load). */
const freshLayer = (env: Record<string, string | undefined>): Layer => {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  let layer: Layer | undefined;
  jest.isolateModules(() => {
    layer = require('@cream/logging') as Layer;
  });
  // the memory size is read when a middleware is created: tests create theirs right away, under `env`
  afterRestore.push(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  return layer as Layer;
};

/** One middleware instance of a layer copy; `invoke(n)` runs n requests, `records()` their final records. */
const middleware = (layer: Layer, options: Parameters<Layer['requestLogging']>[0]) => {
  const lines: string[] = [];
  layer.setLogSink((line) => lines.push(line));
  const handler = middy(async () => ({ statusCode: 200, body: '{}' })).use(layer.requestLogging(options));
  return {
    invoke: async (count: number) => {
      for (let i = 0; i < count; i++) await handler(httpApiEvent() as never, lambdaContext());
    },
    records: () =>
      lines
        .map((line) => JSON.parse(line) as LogRecord)
        .filter((record) => record.message === 'request_completed'),
  };
};

/** The final records of `count` requests through one new middleware. */
const run = async (layer: Layer, options: Parameters<Layer['requestLogging']>[0], count: number) => {
  const instance = middleware(layer, options);
  await instance.invoke(count);
  return instance.records();
};

const memoryOf = (record: LogRecord | undefined) =>
  Object.fromEntries(memoryKeys.filter((key) => record && key in record).map((key) => [key, record?.[key]]));

describe('memory on the request record', () => {
  it('is on the cold start, with the share of the configured memory, and not on the next request', async () => {
    const layer = freshLayer({
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
    });
    const before = process.memoryUsage();

    const [cold, warm] = await run(layer, {}, 2);

    const after = process.memoryUsage();
    expect(cold).toMatchObject({ cold_start: true, memory_limit_mb: 1024 });
    const rss = cold?.memory_used_mb as number;
    const heap = cold?.heap_used_mb as number;
    // the process's own figures, read around the request, bound what the record says
    expect(rss).toBeGreaterThanOrEqual(Math.floor(Math.min(before.rss, after.rss) / 2 ** 20) - 1);
    expect(rss).toBeLessThanOrEqual(Math.ceil(Math.max(before.rss, after.rss) / 2 ** 20) + 1);
    expect(heap).toBeGreaterThan(0);
    expect(heap).toBeLessThan(rss);
    expect(cold?.memory_share).toBeCloseTo(rss / 1024, 2);
    expect(memoryOf(warm)).toEqual({});
  });

  it('is on the cold start without a configured memory size: RSS and heap only', async () => {
    const layer = freshLayer({
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: undefined,
    });

    const [cold] = await run(layer, {}, 1);

    expect(Object.keys(memoryOf(cold))).toEqual(['memory_used_mb', 'heap_used_mb']);
  });

  it('is on a warm request whose RSS is above the threshold share, at most once a second', async () => {
    // 1 MB configured: any real process is above 80% of it
    const layer = freshLayer({
      AWS_LAMBDA_INITIALIZATION_TYPE: undefined,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1',
    });
    jest.useFakeTimers({
      doNotFake: ['Date', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate'],
    });
    try {
      const instance = middleware(layer, {});
      await instance.invoke(3);
      jest.advanceTimersByTime(1_000);
      await instance.invoke(1);

      const shares = instance.records().map((record) => record.memory_share);
      expect(shares.map((share) => typeof share)).toEqual(['number', 'undefined', 'undefined', 'number']);
      expect(shares[0]).toBeGreaterThan(0.8);
    } finally {
      jest.useRealTimers();
    }
  });

  it('leaves a request below the threshold, or with resourceUsage: false, without memory fields', async () => {
    const layer = freshLayer({
      AWS_LAMBDA_INITIALIZATION_TYPE: undefined,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1000000',
    });
    expect((await run(layer, {}, 2)).map(memoryOf)).toEqual([{}, {}]);

    const off = freshLayer({
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1',
    });
    expect((await run(off, { resourceUsage: false }, 2)).map(memoryOf)).toEqual([{}, {}]);
  });

  it('follows the threshold option: above what RSS can reach, no fields', async () => {
    const layer = freshLayer({
      AWS_LAMBDA_INITIALIZATION_TYPE: undefined,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1',
    });
    const records = await run(layer, { resourceUsage: { memoryThreshold: 1_000_000 } }, 1);
    expect(memoryOf(records[0])).toEqual({});
  });

  it('rejects a threshold that is not a share above 0, when the middleware is created', () => {
    const layer = freshLayer({});
    for (const memoryThreshold of [0, -0.5, Number.NaN]) {
      expect(() => layer.requestLogging({ resourceUsage: { memoryThreshold } })).toThrow(/memoryThreshold/);
    }
  });
});
