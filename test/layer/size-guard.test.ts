import { logEvent, logger, requestLogging, setLogSink } from '@cream/logging';
import middy from '@middy/core';
import fc from 'fast-check';
import { guardSize, lineLimit } from '../../layer/src/size-guard';
import { captureLines, httpApiEvent, lambdaContext } from './helpers';

// records of megabytes and generated values up to 8,000 graphemes: ~3 s alone, ~11 s seen on a loaded machine.
jest.setTimeout(120_000);

const kb = 1024;
const pinned = new Set(['timestamp', 'level', 'service', 'message', '_aws', 'RequestLatency']);
const head = { timestamp: '2026-12-01T00:00:00.000Z', level: 'INFO', service: 'svc', message: 'm' };

/**
 * Throws unless `cut` is `whole` with strings shortened to a head plus the marker, members dropped (counted by a
 * `…` marker) or replaced by `[TRUNCATED]`: truncation may lose data, never invent or alter it.
 */
const expectCutFrom = (cut: unknown, whole: unknown, path = '$'): void => {
  const fail = (why: string) => {
    throw new Error(`${path}: ${why}`);
  };
  if (typeof cut === 'string' && typeof whole === 'string') {
    if (cut === whole) return;
    const marked = /^([\s\S]*)…\[TRUNCATED (\d+) chars\]$/.exec(cut);
    if (!marked) fail(`changed string without a marker: ${cut.slice(0, 80)}`);
    const kept = marked?.[1] ?? '';
    if (!whole.startsWith(kept)) fail('kept part is not a head of the original');
    if (whole.length - kept.length !== Number(marked?.[2])) fail('marker count is wrong');
  } else if (Array.isArray(cut) && Array.isArray(whole)) {
    cut.forEach((item, i) => {
      const isMarker =
        i === cut.length - 1 && typeof item === 'string' && /^…\[TRUNCATED \d+ items\]$/.test(item);
      if (!isMarker && item !== '[TRUNCATED]') expectCutFrom(item, whole[i], `${path}[${i}]`);
    });
  } else if (cut !== null && typeof cut === 'object' && whole !== null && typeof whole === 'object') {
    for (const [key, value] of Object.entries(cut)) {
      if ((/^…+$/.test(key) || key === 'truncated') && !Object.hasOwn(whole, key)) continue;
      if (!Object.hasOwn(whole, key)) fail(`invented key ${key}`);
      if (value !== '[TRUNCATED]')
        expectCutFrom(value, (whole as Record<string, unknown>)[key], `${path}.${key}`);
    }
  } else if (JSON.stringify(cut) !== JSON.stringify(whole)) {
    fail(`changed ${JSON.stringify(whole)?.slice(0, 40)} to ${JSON.stringify(cut)?.slice(0, 40)}`);
  }
};

describe('the size guard', () => {
  afterEach(() => setLogSink(undefined));

  it('keeps a record under 256 KB by truncating the largest string with a marker', () => {
    const out = captureLines();

    logEvent('validation_failed', { field: 'body', problem: 'x'.repeat(400_000) });

    const [record] = out.records();
    expect(Buffer.byteLength(out.lines[0] ?? '')).toBeLessThanOrEqual(lineLimit(256 * kb));
    expect(record).toMatchObject({ message: 'validation_failed', field: 'body', truncated: true });
    expect(record?.problem).toMatch(/^x+…\[TRUNCATED \d+ chars\]$/);
  });

  it("honours a lower limit given to the request's middleware and leaves small records alone", async () => {
    const out = captureLines();
    const handler = middy(async () => {
      logEvent('validation_failed', { field: 'a', problem: 'é'.repeat(10_000) });
      logEvent('validation_failed', { field: 'b', problem: 'short' });
      return { statusCode: 200 };
    }).use(requestLogging({ maxRecordBytes: 4096 }));

    await handler(httpApiEvent(), lambdaContext());

    const [big, small, completed] = out.records();
    expect(Buffer.byteLength(out.lines[0] ?? '')).toBeLessThanOrEqual(4096);
    expect(big?.truncated).toBe(true);
    expect(small).not.toHaveProperty('truncated');
    expect(completed).toMatchObject({ message: 'request_completed', status_code: 200 });
  });

  it('clamps maxRecordBytes to 256 KB, as documented', async () => {
    const out = captureLines();
    const handler = middy(async () => {
      logEvent('validation_failed', { field: 'a', problem: 'x'.repeat(2_000_000) });
      return { statusCode: 200 };
    }).use(requestLogging({ maxRecordBytes: 10 * kb * kb }));

    await handler(httpApiEvent(), lambdaContext());

    expect(Buffer.byteLength(out.lines[0] ?? '')).toBeLessThanOrEqual(lineLimit(256 * kb));
    expect(out.records()[0]?.truncated).toBe(true);
  });

  it('truncates the message like any other field: a 1 MB logger.info text is cut, its head kept', () => {
    const out = captureLines();

    logger.info(`start-${'m'.repeat(1024 * kb)}`);

    const [record] = out.records();
    expect(Buffer.byteLength(out.lines[0] ?? '')).toBeLessThanOrEqual(lineLimit(256 * kb));
    expect(record?.message).toMatch(/^start-m+…\[TRUNCATED \d+ chars\]$/);
    expect(record).toMatchObject({ level: 'INFO', truncated: true });
  });

  it('keeps the first of many small fields and counts the rest, with the contract keys intact', () => {
    const out = captureLines();
    const many = Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`k${i}`, i]));

    logger.info('wide', many);

    const [record] = out.records();
    expect(record).toMatchObject({
      level: 'INFO',
      service: 'service_undefined',
      message: 'wide',
      k0: 0,
      k1: 1,
    });
    expect(record?.['…']).toMatch(/^\[TRUNCATED \d+ keys\]$/);
    const kept = Object.keys(record ?? {}).filter((key) => /^k\d+$/.test(key)).length;
    expect(kept + Number(/\d+/.exec(String(record?.['…']))?.[0])).toBe(30_000);
    expect(record?.truncated).toBe(true);
  });

  it('never truncates the request_completed contract keys', async () => {
    const out = captureLines();
    const handler = middy(async () => ({ statusCode: 200 })).use(requestLogging());

    await handler(httpApiEvent({ rawPath: `/${'p'.repeat(300_000)}` }), lambdaContext());

    expect(out.records()[0]).toMatchObject({ message: 'request_completed', status_code: 200 });
  });

  it.each<[string, () => object]>([
    ['one 6 MB string', () => ({ blob: 'x'.repeat(6 * kb * kb) })],
    [
      '300k small objects',
      () => ({ items: Array.from({ length: 300_000 }, (_, i) => ({ id: i, v: 'ab' })) }),
    ],
    [
      '100k tiny keys',
      () => ({
        wide: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, 'v'.repeat(50)])),
      }),
    ],
    ['1.5M form params as a body', () => ({ body: 'a=1&'.repeat(1_500_000) })],
    ['1.5M form params parsed', () => ({ form: { a: Array.from({ length: 1_500_000 }, () => '1') } })],
    ['6 MB of emoji and escapes', () => ({ text: '😀é\n"\\'.repeat(600_000) })],
  ])('%s becomes one valid record within the limit, cut from the original', (_shape, make) => {
    const record = { ...head, ...make() } as never;

    const { json } = guardSize(record, 256 * kb, pinned);

    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(lineLimit(256 * kb));
    expect(Buffer.from(json, 'utf8').toString('utf8')).toBe(json);
    const cut = JSON.parse(json) as Record<string, unknown>;
    expect(cut).toMatchObject({ ...head, truncated: true });
    expectCutFrom(cut, record);
    // most of the budget is used: truncation keeps data, it does not throw it away
    expect(Buffer.byteLength(json)).toBeGreaterThan(lineLimit(256 * kb) * 0.8);
  });

  it('any JSON value under any limit: valid, within the limit, pinned keys kept, unchanged when it fits (property)', () => {
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.string({ unit: 'grapheme', minLength: 1000, maxLength: 8_000 }),
      fc.array(fc.string({ unit: 'binary', maxLength: 400 }), { maxLength: 200 }),
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 12 }),
        fc.integer({ min: 0, max: 300 * kb }),
        (fields, maxBytes) => {
          const record = { ...head, ...fields, ...head, _aws: { Timestamp: 1 }, RequestLatency: 3 };

          const { json } = guardSize(record, maxBytes, pinned);

          const limit = lineLimit(maxBytes);
          expect(Buffer.byteLength(json)).toBeLessThanOrEqual(limit);
          const cut = JSON.parse(json) as Record<string, unknown>;
          if (Buffer.byteLength(JSON.stringify(record)) <= limit) expect(json).toBe(JSON.stringify(record));
          else expect(cut.truncated).toBe(true);
          expect(cut).toMatchObject({ level: 'INFO', _aws: { Timestamp: 1 }, RequestLatency: 3 });
          expectCutFrom(cut, record);
        },
      ),
      { numRuns: 200 },
    );
  });
});
