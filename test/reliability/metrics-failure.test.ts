import { requestLogging } from '@cream/logging';
import middy from '@middy/core';
import { type CapturedOutput, captureOutput } from './support/captured-output';
import { httpApiEvent } from './support/http-api-event';
import { lambdaContext } from './support/lambda-context';
import { expectValidLines } from './support/line-checks';

// Metrics serialisation failing is simulated at the layer's one metrics seam: building the EMF block throws.
jest.mock('../../layer/src/request-metrics', () => ({
  ...jest.requireActual('../../layer/src/request-metrics'),
  requestMetrics: () => {
    throw new Error('EMF serialisation failed');
  },
}));

describe('a metrics failure never reaches the handler', () => {
  let out: CapturedOutput;
  beforeEach(() => {
    out = captureOutput();
  });
  afterEach(() => out.stop());

  it('returns the handler result unchanged and still writes one valid request line', async () => {
    const handler = middy(async () => ({ statusCode: 200, body: 'ok' })).use(requestLogging());

    const result = await handler(httpApiEvent(), lambdaContext('req-metrics-ok'));

    expect(result).toEqual({
      statusCode: 200,
      body: 'ok',
      headers: { 'x-correlation-id': 'apigw-request-id' },
    });
    expectValidLines(out.lines);
    expect(out.records().map((record) => record.message)).toEqual(['request_completed']);
  });

  it('rethrows the handler error unchanged and still writes request_failed', async () => {
    const failure = new Error('db down');
    const handler = middy(async () => {
      throw failure;
    }).use(requestLogging());

    await expect(handler(httpApiEvent(), lambdaContext('req-metrics-fail'))).rejects.toBe(failure);

    expectValidLines(out.lines);
    expect(out.records().map((record) => record.message)).toEqual(['request_failed']);
  });
});
