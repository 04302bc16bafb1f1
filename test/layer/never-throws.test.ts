import { logEvent, logger, requestLogging, setLogSink } from '@cream/logging';
import middy from '@middy/core';
import fc from 'fast-check';
import { captureLines, httpApiEvent, lambdaContext } from './helpers';

describe('logging never throws and always writes one valid JSON line', () => {
  afterEach(() => setLogSink(undefined));

  it('survives circular structures, BigInt, Symbols, throwing getters and lone surrogates', () => {
    const out = captureLines();
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    const hostile = {
      circular,
      big: 10n ** 30n,
      [Symbol('hidden')]: 'symbol key',
      symbol: Symbol('value'),
      get broken(): string {
        throw new Error('getter exploded');
      },
      surrogate: 'bad \uD800 text',
      fn: () => 1,
    };

    expect(() => logEvent('user_action', { action: 'x', target: 'y' }, { error: hostile })).not.toThrow();
    expect(() => logger.info('raw', hostile)).not.toThrow();

    expect(out.lines).toHaveLength(2);
    const [record] = out.records();
    expect(record?.error).toEqual({
      circular: { name: 'loop', self: '[Circular]' },
      big: '1000000000000000000000000000000',
      symbol: 'Symbol(value)',
      broken: '[Unserializable: getter exploded]',
      surrogate: 'bad \uFFFD text',
    });
  });

  it('writes one parseable line for arbitrary field values (property)', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withMap: true, withSet: true, withNullPrototype: true }),
        (value) => {
          const out = captureLines();
          logger.info('any', { value });
          expect(out.lines).toHaveLength(1);
          expect(() => JSON.parse(out.lines[0] ?? '')).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('returns the handler result unchanged when the sink throws', async () => {
    setLogSink(() => {
      throw new Error('sink broke');
    });
    const result = { statusCode: 201, body: 'created' };
    const handler = middy(async () => result).use(requestLogging());
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);

    const response = await handler(httpApiEvent(), lambdaContext());
    stdout.mockRestore();

    expect(response).toEqual({ ...result, headers: { 'x-correlation-id': 'gateway-request-1' } });
  });
});
