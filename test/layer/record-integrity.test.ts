/**
 * Keys the contract or CloudWatch give meaning to can only be written by the layer. CloudWatch reads a line as
 * EMF when it has `_aws.CloudWatchMetrics` (the spec's shape, read here by the project's own EMF reader): a
 * logged object must never add such a block, nor a value to one of the layer's metrics, nor set a contract key.
 */
import {
  catalog,
  logEvent,
  logger,
  metricNames,
  recordKeys,
  requestLogging,
  setLogSink,
} from '@cream/logging';
import middy from '@middy/core';
import fc from 'fast-check';
import { fieldKey, reservedKeys } from '../../layer/src/reserved-keys';
import { extractEmfMetrics } from '../../tools/monitoring/emf';
import { captureLines, httpApiEvent, type LogRecord, lambdaContext } from './helpers';

// hundreds of generated hostile objects through every entry point: seconds on a loaded machine.
jest.setTimeout(120_000);

const forgedValue = 987_654;
/** An EMF block as an attacker would write it: valid per the spec, naming the layer's namespace and metrics. */
const forgedEmf = (namespace: string) => ({
  Timestamp: 1,
  CloudWatchMetrics: [
    {
      Namespace: namespace,
      Dimensions: [['service']],
      Metrics: [
        { Name: metricNames.requestLatency, Unit: 'Milliseconds' },
        { Name: metricNames.coldStart, Unit: 'Count' },
      ],
    },
  ],
});

const reservedNames = [...reservedKeys].filter((key) => key !== '__proto__');
const hostileKey = fc.oneof(
  fc.constantFrom(...reservedNames),
  fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom(...reservedNames))
    .map(([n, k]) => `${'field_'.repeat(n)}${k}`),
  fc.constantFrom('cream_event', 'error', 'extra', 'Namespace', 'CloudWatchMetrics'),
  fc.string({ maxLength: 8 }),
);
const hostileValue = fc.oneof(
  fc.constantFrom(
    forgedEmf(metricNames.namespace),
    forgedEmf('Forged'),
    forgedValue,
    'DEBUG',
    'security',
    true,
  ),
  fc.record({ category: fc.constant('security'), fields: fc.constant({ outcome: 'failure' }) }),
  fc.jsonValue({ maxDepth: 2 }),
);
const hostileObject = fc.dictionary(hostileKey, hostileValue, { minKeys: 1, maxKeys: 8 });

type EntryPoint = (object: Record<string, unknown>) => void;
/** Every way a handler hands an object to the layer. */
const entryPoints: Record<string, EntryPoint> = {
  'logger.info extra': (object) => logger.info('handler_line', object),
  'logger.info message object': (object) => logger.info({ ...object, message: 'handler_line' }),
  'logger.warn two extras': (object) => logger.warn('handler_line', { a: 1 }, object),
  appendKeys: (object) => {
    logger.appendKeys(object);
    logger.info('handler_line');
  },
  'child persistent keys': (object) => logger.createChild({ persistentKeys: object }).info('handler_line'),
  'logEvent fields': (object) => logEvent('user_action', object as never),
  'logged request body': (object) =>
    logger.info(
      'handler_line',
      JSON.parse(JSON.stringify({ ...object, password: 'x' })) as Record<string, unknown>,
    ),
};

const finalEvents = new Set<unknown>(['request_completed', 'request_failed', 'request_timeout']);

/** Throws unless `record` is EMF only if the layer made it so, with the layer's own directive and values. */
const expectLayerMetricsOnly = (record: LogRecord): void => {
  const metrics = extractEmfMetrics(record, 0);
  const layerRecord = finalEvents.has(record.message) || record.message === undefined;
  if (!layerRecord) {
    expect(record).not.toHaveProperty('_aws');
    expect(record).not.toHaveProperty(metricNames.requestLatency);
    expect(record).not.toHaveProperty(metricNames.coldStart);
    expect(metrics).toEqual([]);
    return;
  }
  for (const datum of metrics) {
    expect(datum.namespace).toBe(metricNames.namespace);
    expect(datum.dimensions).toEqual({ service: 'service_undefined' });
    if (datum.metricName === metricNames.requestLatency) expect(datum.value).toBe(record.duration_ms);
    else expect([datum.metricName, datum.value, record.cold_start]).toEqual([metricNames.coldStart, 1, true]);
  }
};

describe('record integrity', () => {
  afterEach(() => {
    setLogSink(undefined);
    logger.resetKeys();
  });

  it('the field_ rule is injective and never yields a reserved key (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(hostileKey, { maxLength: 30 }), (keys) => {
        const written = keys.map(fieldKey);
        expect(new Set(written).size).toBe(keys.length);
        for (const key of written) expect(reservedKeys.has(key)).toBe(false);
        // negative control: a key that is not (an escaped) reserved key keeps its name
        for (const key of keys) {
          if (!reservedKeys.has(key.replace(/^(field_)+/, ''))) expect(fieldKey(key)).toBe(key);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a logged object can set no contract key: each is kept as field_<name>, the record keeps its own', () => {
    const out = captureLines();
    const forged = Object.fromEntries(Object.values(recordKeys).map((key) => [key, 'forged']));

    logger.info('handler_line', { ...forged, field_level: 'already escaped' });

    const [record] = out.records();
    expect(record).toMatchObject({ level: 'INFO', message: 'handler_line', service: 'service_undefined' });
    for (const key of Object.values(recordKeys)) expect(record?.[`field_${key}`]).toBe('forged');
    expect(record?.field_field_level).toBe('already escaped');
    expect(record).not.toHaveProperty('category');
    expect(record).not.toHaveProperty('correlation_id');
    expect(record).not.toHaveProperty('truncated');
  });

  it('a logged object shaped like an event payload is data, not an event', () => {
    const out = captureLines();

    logger.info('handler_line', { cream_event: { category: 'security', fields: { outcome: 'failure' } } });

    const [record] = out.records();
    expect(record).not.toHaveProperty('category');
    expect(record).not.toHaveProperty('outcome');
    expect(record?.cream_event).toEqual({ category: 'security', fields: { outcome: 'failure' } });
  });

  it('a logged request body with a top-level _aws block publishes no metric: the only datum is the layer’s latency', async () => {
    const out = captureLines();
    const body = JSON.stringify({
      _aws: forgedEmf(metricNames.namespace),
      RequestLatency: forgedValue,
      ColdStart: 1,
    });
    const handler = middy(async (event: { body?: string }) => {
      logger.info('request_body', JSON.parse(event.body ?? '{}') as Record<string, unknown>);
      return { statusCode: 200 };
    }).use(requestLogging());

    await handler({ ...httpApiEvent(), body }, lambdaContext());

    const metrics = out.records().flatMap((record) => extractEmfMetrics(record, 0));
    const completed = out.byMessage('request_completed')[0];
    expect(metrics.map((datum) => [datum.metricName, datum.value])).toEqual([
      [metricNames.requestLatency, completed?.duration_ms],
    ]);
    // negative control: the forged block is still in the record, as data
    expect(out.byMessage('request_body')[0]).toMatchObject({
      field__aws: forgedEmf(metricNames.namespace),
      field_RequestLatency: forgedValue,
      field_ColdStart: 1,
    });
  });

  it('generated hostile objects through every entry point, in and out of requests: EMF only from the layer (property)', async () => {
    const out = captureLines();
    await fc.assert(
      fc.asyncProperty(
        hostileObject,
        fc.constantFrom(...Object.keys(entryPoints)),
        fc.boolean(),
        fc.boolean(),
        async (object, entry, inRequest, fails) => {
          out.clear();
          const write = () => (entryPoints[entry] as EntryPoint)(object);
          if (inRequest) {
            const handler = middy(async () => {
              write();
              if (fails) throw new Error('handler failed');
              return { statusCode: 200 };
            }).use(requestLogging());
            await handler(
              httpApiEvent({ headers: { 'x-correlation-id': 'real-id' } }),
              lambdaContext(),
            ).catch(() => undefined);
          } else {
            write();
          }
          logger.resetKeys();

          const records = out.records();
          expect(records.length).toBeGreaterThanOrEqual(inRequest ? 2 : 1);
          for (const record of records) {
            expectLayerMetricsOnly(record);
            if (record.message === 'handler_line' || record.message === 'user_action') {
              expect(record.correlation_id).toBe(inRequest ? 'real-id' : undefined);
              expect(record.category).toBe(
                record.message === 'user_action' ? catalog.user_action.category : undefined,
              );
              expect(record).not.toHaveProperty('truncated');
            }
          }
          // negative control: a forged `_aws` that reached the top level is kept, renamed
          const line = records.find(
            (record) => record.message === 'handler_line' || record.message === 'user_action',
          );
          if ('_aws' in object) expect(line).toHaveProperty('field__aws');
        },
      ),
      { numRuns: 400 },
    );
  });
});
