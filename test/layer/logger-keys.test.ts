/**
 * Appended keys never throw into a handler and never outlive their request: whatever is appended (a throwing
 * getter, a revoked or throwing proxy, null), and through whichever logger (the shared one or a child created at
 * module level).
 */
import { logger, requestLogging, setLogSink } from '@cream/logging';
import middy from '@middy/core';
import fc from 'fast-check';
import { buildHostile, hostileBuilders, hostileMix } from '../reliability/support/hostile-values';
import { captureLines, httpApiEvent, lambdaContext } from './helpers';

// hundreds of generated hostile inputs to every key method: seconds on a loaded machine.
jest.setTimeout(120_000);

const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const throwingProxy = (): object =>
  new Proxy(
    {},
    {
      get: () => {
        throw new Error('get trap');
      },
      getPrototypeOf: () => {
        throw new Error('getPrototypeOf trap');
      },
    },
  );

/** Inputs that break a naive `Object.entries`/`deepMerge`, as a handler might pass them. */
const hostileInputs = fc.oneof(
  fc.constantFrom<() => unknown>(
    () => null,
    () => undefined,
    () => 'a string',
    () => [1, 2],
    () => 42n,
    revoked,
    throwingProxy,
    hostileBuilders.throwingGetter,
    hostileBuilders.throwingProxy,
    hostileBuilders.circular,
  ),
  hostileMix().map((kinds) => () => buildHostile(kinds)),
);

/** Every logger method that takes the caller's keys, called with `input` (casts: the input is hostile on purpose). */
const keyMethods: Record<string, (input: unknown) => void> = {
  appendKeys: (input) => logger.appendKeys(input as never),
  appendPersistentKeys: (input) => logger.appendPersistentKeys(input as never),
  addPersistentLogAttributes: (input) => logger.addPersistentLogAttributes(input as never),
  setPersistentLogAttributes: (input) => logger.setPersistentLogAttributes(input as never),
  removeKeys: (input) => logger.removeKeys(input as never),
  removePersistentKeys: (input) => logger.removePersistentKeys(input as never),
  setCorrelationId: (input) => logger.setCorrelationId(input),
  createChild: (input) => logger.createChild({ persistentKeys: input as never }).info('child_line'),
  'info extra': (input) => logger.info('line', input as never),
  'info message': (input) => logger.info(input as never),
  'error extra': (input) => logger.error('line', input as never),
};

describe('appended keys never throw', () => {
  afterEach(() => {
    setLogSink(undefined);
    logger.resetKeys();
    logger.setPersistentLogAttributes({});
  });

  it('hostile input to every key method, in and out of a request: no throw, every line valid, the request logged (property)', async () => {
    const out = captureLines();
    await fc.assert(
      fc.asyncProperty(
        hostileInputs,
        fc.constantFrom(...Object.keys(keyMethods)),
        fc.boolean(),
        async (make, method, inRequest) => {
          out.clear();
          const call = () => (keyMethods[method] as (input: unknown) => void)(make());
          if (inRequest) {
            const handler = middy(async () => {
              call();
              logger.info('after_call');
              return { statusCode: 200 };
            }).use(requestLogging());
            await expect(handler(httpApiEvent(), lambdaContext())).resolves.toMatchObject({
              statusCode: 200,
            });
            expect(out.byMessage('request_completed')).toHaveLength(1);
          } else {
            expect(call).not.toThrow();
            logger.info('after_call');
          }
          expect(out.byMessage('after_call')).toHaveLength(1);
          for (const record of out.records()) expect(typeof record.message).toBe('string');
          logger.resetKeys();
          logger.setPersistentLogAttributes({});
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps what it can read and says what it cannot: a throwing getter becomes a placeholder, a revoked proxy a log_error line', () => {
    const out = captureLines();
    const withGetter = Object.defineProperty({ tenant: 'acme' }, 'boom', {
      enumerable: true,
      get: () => {
        throw new Error('getter exploded');
      },
    });

    logger.appendKeys(withGetter);
    logger.appendKeys(revoked() as never);
    logger.info('line');

    expect(out.records()).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'appendKeys',
        log_error: expect.stringContaining('revoked'),
      }),
      expect.objectContaining({ message: 'line', tenant: 'acme', boom: '[Unserializable: getter exploded]' }),
    ]);
  });

  it('null, undefined and an empty object append nothing and write nothing', () => {
    const out = captureLines();

    logger.appendKeys(null as never);
    logger.appendKeys(undefined as never);
    logger.appendKeys({});
    logger.info('line');

    expect(out.records()).toEqual([expect.not.objectContaining({ tenant: expect.anything() })]);
  });
});

describe('appended keys never outlive their request', () => {
  // created at module level, as a handler module would
  const child = logger.createChild({ persistentKeys: { component: 'orders' } });
  afterEach(() => setLogSink(undefined));

  it("a module-level child logger carries no request's temporary keys into the next; its persistent keys stay", async () => {
    const out = captureLines();
    const handler = middy(async (event: { pathParameters?: { n?: string } }) => {
      const n = event.pathParameters?.n;
      if (n === '1') {
        child.appendKeys({ tenant: 'tenant-1' });
        logger.appendKeys({ user: 'user-1' });
      }
      child.info('child_line', { n });
      logger.info('shared_line', { n });
      return { statusCode: 200 };
    }).use(requestLogging());

    for (const n of ['1', '2']) await handler({ ...httpApiEvent(), pathParameters: { n } }, lambdaContext());
    child.info('child_line', { n: 'after' });

    const lines = out.records().filter((record) => record.message !== 'request_completed');
    expect(
      lines.map((record) => [record.message, record.n, record.tenant, record.user, record.component]),
    ).toEqual([
      ['child_line', '1', 'tenant-1', undefined, 'orders'],
      ['shared_line', '1', undefined, 'user-1', undefined],
      ['child_line', '2', undefined, undefined, 'orders'],
      ['shared_line', '2', undefined, undefined, undefined],
      ['child_line', 'after', undefined, undefined, 'orders'],
    ]);
  });

  it("a child's debug records of a failed request are printed with it, and a later request with the same trace id prints none of them", async () => {
    process.env._X_AMZN_TRACE_ID = 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1';
    try {
      const out = captureLines();
      const handler = middy(async (event: { pathParameters?: { n?: string } }) => {
        const n = event.pathParameters?.n;
        child.debug('child_debug', { n });
        if (n === 'fails') throw new Error('boom');
        return { statusCode: 200 };
      }).use(requestLogging());

      await handler({ ...httpApiEvent(), pathParameters: { n: 'ok' } }, lambdaContext());
      await expect(
        handler({ ...httpApiEvent(), pathParameters: { n: 'fails' } }, lambdaContext()),
      ).rejects.toThrow();
      await handler({ ...httpApiEvent(), pathParameters: { n: 'ok-again' } }, lambdaContext());

      expect(out.records().map((record) => [record.message, record.n])).toEqual([
        ['request_completed', undefined],
        ['request_started', undefined],
        ['child_debug', 'fails'],
        ['request_failed', undefined],
        ['request_completed', undefined],
      ]);
    } finally {
      delete process.env._X_AMZN_TRACE_ID;
    }
  });

  it('setCorrelationId names the correlation id of a function without the middleware; appendKeys cannot', () => {
    const out = captureLines();

    logger.setCorrelationId('set-by-api');
    logger.info('line');
    logger.resetKeys();
    logger.appendKeys({ correlation_id: 'appended' });
    logger.info('line');
    logger.resetKeys();

    expect(out.records().map((record) => [record.correlation_id, record.field_correlation_id])).toEqual([
      ['set-by-api', undefined],
      [undefined, 'appended'],
    ]);
    expect(logger.getCorrelationId()).toBeUndefined();
  });
});
