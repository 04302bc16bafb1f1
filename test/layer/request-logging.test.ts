import { logEvent, requestLogging, setLogSink } from '@cream/logging';
import middy from '@middy/core';
import { captureLines, httpApiEvent, lambdaContext, sleep } from './helpers';

const ok = { statusCode: 200, body: '{"ok":true}' };

describe('requestLogging', () => {
  afterEach(() => setLogSink(undefined));

  it('writes exactly one request_completed record with request fields and EMF metrics for a successful request', async () => {
    // Prepare
    const out = captureLines();
    const handler = middy(async () => ok).use(requestLogging());

    // Act
    const response = await handler(httpApiEvent(), lambdaContext());

    // Assess
    expect(response).toEqual({ ...ok, headers: { 'x-correlation-id': 'gateway-request-1' } });
    expect(out.records()).toEqual([
      {
        timestamp: expect.any(String),
        level: 'INFO',
        service: 'service_undefined',
        message: 'request_completed',
        category: 'application',
        correlation_id: 'gateway-request-1',
        function_name: 'cream-test',
        function_request_id: 'lambda-request-1',
        method: 'POST',
        route: '/login',
        path: '/login',
        source_ip: '203.0.113.7',
        user_agent: 'jest',
        api_request_id: 'gateway-request-1',
        status_code: 200,
        duration_ms: expect.any(Number),
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
    const [record] = out.records();
    expect(record?.RequestLatency).toBe(record?.duration_ms);
  });

  it.each([
    ['X-Correlation-Id', 'caller-id-1', 'caller-id-1'],
    ['x-request-id', 'caller-id-2', 'caller-id-2'],
  ])('takes the correlation id from the %s header, case-insensitively', async (header, value, expected) => {
    const out = captureLines();
    const handler = middy(async () => ok).use(requestLogging());

    const response = await handler(httpApiEvent({ headers: { [header]: value } }), lambdaContext());

    expect(out.records()[0]?.correlation_id).toBe(expected);
    expect(response).toMatchObject({ headers: { 'x-correlation-id': expected } });
  });

  it('falls back to the Lambda request id when the event has no request id', async () => {
    const out = captureLines();
    const handler = middy(async () => undefined).use(requestLogging());

    await handler({ source: 'aws.events', 'detail-type': 'Scheduled Event' }, lambdaContext());

    expect(out.records()).toEqual([
      expect.objectContaining({
        message: 'request_completed',
        correlation_id: 'lambda-request-1',
        event_source: 'aws.events',
      }),
    ]);
    expect(out.records()[0]).not.toHaveProperty('method');
  });

  it('adds the correlation id to records the handler writes with logEvent', async () => {
    const out = captureLines();
    const handler = middy(async () => {
      logEvent('login_attempt', { outcome: 'success', user: 'jane@example.com' });
      return ok;
    }).use(requestLogging());

    await handler(httpApiEvent({ headers: { 'x-correlation-id': 'c-1' } }), lambdaContext());

    expect(out.records().map((record) => [record.message, record.correlation_id])).toEqual([
      ['login_attempt', 'c-1'],
      ['request_completed', 'c-1'],
    ]);
  });

  it('never leaks request-scoped keys into the next invocation', async () => {
    const out = captureLines();
    const handler = middy(async () => ok).use(requestLogging());

    await handler(httpApiEvent({ headers: { 'x-correlation-id': 'first' } }), lambdaContext());
    await handler(httpApiEvent(), lambdaContext({ awsRequestId: 'lambda-request-2' }));
    logEvent('system_event', { event: 'shutdown' });

    expect(out.records().map((record) => record.correlation_id)).toEqual([
      'first',
      'gateway-request-1',
      undefined,
    ]);
  });

  it('writes a returned 5xx as request_completed at ERROR level', async () => {
    const out = captureLines();
    const handler = middy(async () => ({ statusCode: 503, body: 'down' })).use(requestLogging());

    await handler(httpApiEvent(), lambdaContext());

    expect(out.records()).toEqual([
      expect.objectContaining({
        message: 'request_completed',
        level: 'ERROR',
        status_code: 503,
        RequestLatency: expect.any(Number),
      }),
    ]);
  });

  it('writes request_failed with the cause chain for a thrown error and rethrows it', async () => {
    const out = captureLines();
    const failure = new Error('boom', { cause: new Error('root cause') });
    const handler = middy(async () => {
      throw failure;
    }).use(requestLogging());

    await expect(handler(httpApiEvent(), lambdaContext())).rejects.toBe(failure);

    expect(out.records()).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'request_failed',
        category: 'error',
        correlation_id: 'gateway-request-1',
        duration_ms: expect.any(Number),
        error: expect.objectContaining({
          message: 'boom',
          cause: expect.objectContaining({ message: 'root cause' }),
        }),
        RequestLatency: expect.any(Number),
      }),
    ]);
  });

  describe('on a fake clock', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    /** A context whose deadline is `ms` from now on the (fake) clock. */
    const contextWithDeadline = (ms: number) => {
      const deadline = Date.now() + ms;
      return { deadline, context: lambdaContext({ getRemainingTimeInMillis: () => deadline - Date.now() }) };
    };

    it('writes request_timeout from its own timer, margin before the deadline, and the late completion without metrics', async () => {
      const out = captureLines();
      const { deadline, context } = contextWithDeadline(150);
      // middy's own early timeout is off here, so only the middleware's timer can catch it
      const handler = middy(() => sleep(120).then(() => ok), { timeoutEarlyInMillis: 0 }).use(
        requestLogging({ timeoutMarginMs: 100 }),
      );

      const done = handler(httpApiEvent(), context);
      await jest.advanceTimersByTimeAsync(49);
      expect(out.lines).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(out.records().map((record) => record.message)).toEqual(['request_timeout']);
      expect(Date.now()).toBe(deadline - 100);
      await jest.advanceTimersByTimeAsync(70);
      await done;

      expect(out.records().map((record) => [record.message, record.level])).toEqual([
        ['request_timeout', 'ERROR'],
        ['request_completed', 'INFO'],
      ]);
      expect(out.byMessage('request_timeout')[0]).toMatchObject({
        category: 'error',
        remaining_ms: 100,
        duration_ms: 50,
        RequestLatency: 50,
      });
      expect(out.byMessage('request_completed')[0]).not.toHaveProperty('RequestLatency');
    });

    it.each([20, 60, 99, 100])(
      'with %i ms left (not more than the margin) still writes request_timeout, halfway to the deadline',
      async (left) => {
        const out = captureLines();
        const { deadline, context } = contextWithDeadline(left);
        const handler = middy(() => new Promise<never>(() => undefined), { timeoutEarlyInMillis: 0 }).use(
          requestLogging({ timeoutMarginMs: 100 }),
        );

        void handler(httpApiEvent(), context);
        await jest.advanceTimersByTimeAsync(Math.floor(left / 2));

        expect(out.records()).toEqual([
          expect.objectContaining({ message: 'request_timeout', remaining_ms: left - Math.floor(left / 2) }),
        ]);
        expect(Date.now()).toBeLessThan(deadline);
      },
    );

    it('arms no timer when the context reports no time left, and the request still completes', async () => {
      const out = captureLines();
      const handler = middy(async () => ok).use(requestLogging());

      await handler(httpApiEvent(), lambdaContext({ getRemainingTimeInMillis: () => 0 }));

      expect(jest.getTimerCount()).toBe(0);
      expect(out.records().map((record) => record.message)).toEqual(['request_completed']);
    });
  });

  it("writes request_timeout once when Middy's early timeout fires", async () => {
    const out = captureLines();
    const deadline = Date.now() + 60;
    // Middy's early timeout uses node:timers (not faked) and rejects with TimeoutError; the handler hangs, so
    // whichever timer fires first, the other must not add a second record
    const handler = middy(() => new Promise<never>(() => undefined), { timeoutEarlyInMillis: 20 }).use(
      requestLogging({ timeoutMarginMs: 5 }),
    );

    await expect(
      handler(httpApiEvent(), lambdaContext({ getRemainingTimeInMillis: () => deadline - Date.now() })),
    ).rejects.toMatchObject({ name: 'TimeoutError' });

    expect(out.records().map((record) => record.message)).toEqual(['request_timeout']);
  });

  it('writes request_failed when a middleware placed before it throws in before, and rethrows that error', async () => {
    const out = captureLines();
    const failure = new Error('auth middleware failed');
    const handler = middy(async () => ok)
      .use({
        before: () => {
          throw failure;
        },
      })
      .use(requestLogging());

    await expect(
      handler(httpApiEvent({ headers: { 'x-correlation-id': 'c-early' } }), lambdaContext()),
    ).rejects.toBe(failure);

    expect(out.records()).toEqual([
      expect.objectContaining({
        message: 'request_failed',
        level: 'ERROR',
        correlation_id: 'c-early',
        method: 'POST',
        error: expect.objectContaining({ message: 'auth middleware failed' }),
        RequestLatency: expect.any(Number),
      }),
    ]);
  });

  it('leaves the response of a non-HTTP event untouched', async () => {
    captureLines();
    const result = { batchItemFailures: [] };
    const handler = middy(async () => result).use(requestLogging());

    expect(await handler({ Records: [{ eventSource: 'aws:sqs', body: '{}' }] }, lambdaContext())).toBe(
      result,
    );
  });
});

describe('debug records are buffered per request', () => {
  const traceId = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
  beforeEach(() => {
    process.env._X_AMZN_TRACE_ID = traceId;
  });
  afterEach(() => {
    delete process.env._X_AMZN_TRACE_ID;
    setLogSink(undefined);
  });

  it('drops them when the request succeeds', async () => {
    const out = captureLines();
    const handler = middy(async () => {
      logEvent('db_query', {
        aws_service: 'DynamoDB',
        operation: 'GetItem',
        duration_ms: 3,
        outcome: 'success',
      });
      return ok;
    }).use(requestLogging());

    await handler(httpApiEvent(), lambdaContext());

    expect(out.records().map((record) => record.message)).toEqual(['request_completed']);
    expect(out.records()[0]?.xray_trace_id).toBe('1-5759e988-bd862e3fe1be46a994272793');
  });

  it('prints them before request_failed when the request fails', async () => {
    const out = captureLines();
    const handler = middy(async () => {
      logEvent('db_query', {
        aws_service: 'DynamoDB',
        operation: 'GetItem',
        duration_ms: 3,
        outcome: 'success',
      });
      throw new Error('boom');
    }).use(requestLogging());

    await expect(handler(httpApiEvent(), lambdaContext())).rejects.toThrow('boom');

    expect(out.records().map((record) => [record.message, record.level, record.correlation_id])).toEqual([
      ['request_started', 'DEBUG', 'gateway-request-1'],
      ['db_query', 'DEBUG', 'gateway-request-1'],
      ['request_failed', 'ERROR', 'gateway-request-1'],
    ]);
  });

  it('prints them for a sampled request', async () => {
    const out = captureLines();
    const handler = middy(async () => ok).use(requestLogging({ debugSampleRate: 1 }));

    await handler(httpApiEvent(), lambdaContext());

    expect(out.records().map((record) => record.message)).toEqual(['request_started', 'request_completed']);
  });
});
