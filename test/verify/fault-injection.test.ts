import { requestLogging, setLogSink } from '@cream/logging';
import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { AwsFakes } from '../../tools/verify/aws-fakes';
import { type Handler, InjectedFault, injectFaults } from '../../tools/verify/fault-injection';
import { httpApiEvent, lambdaContext } from '../../tools/verify/lambda-events';
import type { Fault } from '../../tools/verify/protocol';

/** The runner's fakes reduced to what the injection reads: this invocation's faults and its SDK calls. */
const fakesWith = (faults: Fault[], sdkCalls = 0): AwsFakes =>
  ({
    context: { has: (fault: Fault) => faults.includes(fault), waitIfSlow: () => 0 },
    sdkCalls: () => sdkCalls,
  }) as unknown as AwsFakes;

const event = httpApiEvent({
  method: 'GET',
  path: '/orders/42',
  routeKey: 'GET /orders/{id}',
  headers: {},
  sourceIp: '198.51.100.20',
});
const context = () =>
  lambdaContext({
    functionName: 'orders',
    memoryMb: 256,
    logGroupName: '/aws/lambda/orders',
    remainingMs: 3_000,
  });

/** A function verify knows nothing about: it answers 200 without calling AWS. */
const answer = jest.fn(
  async (): Promise<APIGatewayProxyStructuredResultV2> => ({ statusCode: 200, body: '{}' }),
);

const records: Record<string, unknown>[] = [];
beforeEach(() => {
  records.length = 0;
  answer.mockClear();
  setLogSink((line) => records.push(JSON.parse(line) as Record<string, unknown>));
});
afterAll(() => setLogSink(undefined));

const finalRecord = () =>
  records.find(
    (record) => String(record.message).startsWith('request_') && record.message !== 'request_started',
  );

describe('faults injected into a Middy handler from outside its code', () => {
  const handlerFor = (faults: Fault[], sdkCalls = 0) =>
    injectFaults(
      middy(answer).use(requestLogging()) as unknown as Handler,
      fakesWith(faults, sdkCalls),
      () => undefined,
    );

  it('throws inside the middleware, so the layer writes request_failed and the handler never runs', async () => {
    await expect(handlerFor(['forced-throw'])(event, context())).rejects.toBeInstanceOf(InjectedFault);
    expect(answer).not.toHaveBeenCalled();
    expect(finalRecord()).toMatchObject({ message: 'request_failed', level: 'ERROR' });
  });

  it('answers 500 under an AWS outage when the handler made no AWS call, and the layer records the 500', async () => {
    const result = await handlerFor(['aws-unavailable'])(event, context());
    expect(result.statusCode).toBe(500);
    expect(answer).toHaveBeenCalledTimes(1);
    expect(finalRecord()).toMatchObject({ message: 'request_completed', status_code: 500 });
  });

  it("leaves the handler's own answer alone when it did call AWS, or when nothing is injected", async () => {
    expect((await handlerFor(['aws-unavailable'], 1)(event, context())).statusCode).toBe(200);
    expect((await handlerFor([])(event, context())).statusCode).toBe(200);
    expect(finalRecord()).toMatchObject({ message: 'request_completed', status_code: 200 });
  });
});

describe('faults injected into a handler that is not Middy', () => {
  it('wraps it: the throw comes before the handler, the outage answer after it', async () => {
    const plain: Handler = async () => ({ statusCode: 204 });
    const leaked: string[] = [];
    await expect(
      injectFaults(plain, fakesWith(['forced-throw', 'leaks-secrets']), () => leaked.push('printed'))(
        event,
        context(),
      ),
    ).rejects.toThrow(InjectedFault);
    expect(leaked).toEqual(['printed']);
    const outage = await injectFaults(
      plain,
      fakesWith(['aws-unavailable']),
      () => undefined,
    )(event, context());
    expect(outage.statusCode).toBe(500);
  });
});
