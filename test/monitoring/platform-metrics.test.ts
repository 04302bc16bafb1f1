import type { AlarmModel } from '../../tools/cloud-assembly';
import {
  apiGatewayDatapoints,
  dynamoDbDatapoints,
  evaluateAlarm,
  lambdaDatapoints,
  lowSampleMinimum,
  MetricStore,
} from '../../tools/monitoring';

const minute = 60_000;
const names = (data: { metricName: string; value: number }[]) =>
  Object.fromEntries(data.map((datum) => [datum.metricName, datum.value]));

describe('platform metrics from what a runtime observed', () => {
  it('counts an invocation, its error and its duration; a throttled one only as a throttle', () => {
    const fact = { functionName: 'Login', timestampMs: 1000, durationMs: 812 } as const;
    expect(names(lambdaDatapoints({ ...fact, outcome: 'success' }))).toEqual({
      Invocations: 1,
      Errors: 0,
      Duration: 812,
    });
    expect(names(lambdaDatapoints({ ...fact, outcome: 'timeout' }))).toMatchObject({ Errors: 1 });
    expect(names(lambdaDatapoints({ ...fact, outcome: 'error' }))).toMatchObject({ Errors: 1 });
    expect(lambdaDatapoints({ ...fact, outcome: 'throttled' })).toEqual([
      expect.objectContaining({
        namespace: 'AWS/Lambda',
        metricName: 'Throttles',
        value: 1,
        dimensions: { FunctionName: 'Login' },
      }),
    ]);
  });

  it('counts an API request per API and per stage, with 4xx, 5xx and latencies', () => {
    const data = apiGatewayDatapoints({
      apiId: 'a1',
      stage: '$default',
      timestampMs: 0,
      status: 503,
      latencyMs: 40,
      integrationLatencyMs: 35,
    });
    const byApi = data.filter((datum) => Object.keys(datum.dimensions).length === 1);
    const byStage = data.filter((datum) => datum.dimensions.Stage === '$default');
    expect(names(byApi)).toEqual({ Count: 1, '4xx': 0, '5xx': 1, Latency: 40, IntegrationLatency: 35 });
    expect(names(byStage)).toEqual(names(byApi));
    expect(
      names(apiGatewayDatapoints({ apiId: 'a1', stage: 's', timestampMs: 0, status: 413, latencyMs: 2 })),
    ).toEqual({
      Count: 1,
      '4xx': 1,
      '5xx': 0,
      Latency: 2,
    });
  });

  it.each([
    ['ProvisionedThroughputExceededException', 400, 'ThrottledRequests'],
    ['ThrottlingException', 400, 'ThrottledRequests'],
    ['InternalServerError', 500, 'SystemErrors'],
  ])('turns a DynamoDB %s into %s for its table and operation', (errorCode, httpStatus, metric) => {
    const [datum] = dynamoDbDatapoints({
      tableName: 'Users',
      operation: 'GetItem',
      timestampMs: 0,
      errorCode,
      httpStatus,
    });
    expect(datum).toMatchObject({
      namespace: 'AWS/DynamoDB',
      metricName: metric,
      dimensions: { TableName: 'Users', Operation: 'GetItem' },
      value: 1,
    });
  });

  it('publishes no table metric for a client mistake, and latency for a success', () => {
    expect(
      dynamoDbDatapoints({
        tableName: 'U',
        operation: 'GetItem',
        timestampMs: 0,
        errorCode: 'ValidationException',
        httpStatus: 400,
      }),
    ).toEqual([]);
    expect(
      names(dynamoDbDatapoints({ tableName: 'U', operation: 'GetItem', timestampMs: 0, latencyMs: 4 })),
    ).toEqual({
      SuccessfulRequestLatency: 4,
    });
  });
});

describe('percentile alarms with evaluateLowSampleCountPercentile', () => {
  const p99: AlarmModel = {
    logicalId: 'Duration',
    name: 'Stack-Duration',
    namespace: 'AWS/Lambda',
    metricName: 'Duration',
    dimensions: { FunctionName: 'Login' },
    statistic: 'p99',
    periodSeconds: 900,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    threshold: 8000,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    treatMissingData: 'notBreaching',
    evaluateLowSampleCountPercentile: 'ignore',
    alarmActions: [],
    okActions: [],
  };
  const storeWith = (fast: number, slow: number): MetricStore => {
    const store = new MetricStore();
    const values = [...Array(fast).fill(300), ...Array(slow).fill(9000)];
    values.forEach((value, index) => {
      store.put({
        namespace: 'AWS/Lambda',
        metricName: 'Duration',
        dimensions: { FunctionName: 'Login' },
        timestampMs: index,
        value,
      });
    });
    return store;
  };

  it('needs 10/(1-p) samples from p50 up and 10/p below', () => {
    expect(lowSampleMinimum('p99')).toBe(1000);
    expect(lowSampleMinimum('p90')).toBe(100);
    expect(lowSampleMinimum('p50')).toBe(20);
    expect(lowSampleMinimum('p10')).toBe(100);
    expect(lowSampleMinimum('Sum')).toBeUndefined();
  });

  it('keeps its state while a handful of slow samples would breach', () => {
    const result = evaluateAlarm(p99, storeWith(0, 5), 15 * minute, 'OK');
    expect(result.state).toBe('OK');
    expect(result.reason).toBe('Duration: 5 samples, fewer than the 1000 a p99 is evaluated on (state kept)');
    expect(
      evaluateAlarm({ ...p99, evaluateLowSampleCountPercentile: 'evaluate' }, storeWith(0, 5), 15 * minute)
        .state,
    ).toBe('ALARM');
  });

  it('evaluates once the period holds enough samples: the slowest 1% above the threshold fires it', () => {
    expect(evaluateAlarm(p99, storeWith(990, 10), 15 * minute, 'OK').state).toBe('OK');
    expect(evaluateAlarm(p99, storeWith(989, 11), 15 * minute, 'OK').state).toBe('ALARM');
  });
});
