import { logEvent, logger, requestLogging, setLogSink } from '@cream/logging';
import middy from '@middy/core';
import { captureLines, httpApiEvent, lambdaContext } from './helpers';

describe('the size guard', () => {
  afterEach(() => {
    setLogSink(undefined);
    requestLogging({ maxRecordBytes: 256 * 1024 });
  });

  it('keeps a record under 256 KB by truncating the largest string with a marker', () => {
    const out = captureLines();

    logEvent('validation_failed', { field: 'body', problem: 'x'.repeat(400_000) });

    const [record] = out.records();
    expect(Buffer.byteLength(out.lines[0] ?? '')).toBeLessThan(256 * 1024);
    expect(record).toMatchObject({ message: 'validation_failed', field: 'body', truncated: true });
    expect(record?.problem).toMatch(/^x+…\[TRUNCATED \d+ chars\]$/);
  });

  it('honours a lower configured limit and leaves small records alone', () => {
    const out = captureLines();
    requestLogging({ maxRecordBytes: 4096 });

    logEvent('validation_failed', { field: 'a', problem: 'é'.repeat(10_000) });
    logEvent('validation_failed', { field: 'b', problem: 'short' });

    const [big, small] = out.records();
    expect(Buffer.byteLength(out.lines[0] ?? '')).toBeLessThanOrEqual(4096);
    expect(big?.truncated).toBe(true);
    expect(small).not.toHaveProperty('truncated');
  });

  it('falls back to the contract keys when many small fields are too big together', () => {
    const out = captureLines();
    requestLogging({ maxRecordBytes: 4096 });
    const many = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i]));

    logger.info('wide', many);

    expect(out.records()[0]).toEqual({
      timestamp: expect.any(String),
      level: 'INFO',
      service: 'service_undefined',
      message: 'wide',
      truncated: true,
    });
  });

  it('never truncates the request_completed contract keys', async () => {
    const out = captureLines();
    const handler = middy(async () => ({ statusCode: 200 })).use(requestLogging());

    await handler(httpApiEvent({ rawPath: `/${'p'.repeat(300_000)}` }), lambdaContext());

    expect(out.records()[0]).toMatchObject({ message: 'request_completed', status_code: 200 });
  });
});
