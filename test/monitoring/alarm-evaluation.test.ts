import type { AlarmModel, TreatMissingData } from '../../tools/cloud-assembly';
import { evaluateAlarm, evaluateMathExpression, MetricStore } from '../../tools/monitoring';

const minute = 60_000;

const alarm = (overrides: Partial<AlarmModel> = {}): AlarmModel => ({
  logicalId: 'FailedLogins',
  name: 'Stack-FailedLogins',
  namespace: 'CreamLogging',
  metricName: 'FailedLogins',
  dimensions: {},
  statistic: 'Sum',
  periodSeconds: 60,
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
  threshold: 10,
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  treatMissingData: 'missing',
  alarmActions: [],
  okActions: [],
  ...overrides,
});

/** Puts one value per listed minute (undefined: no data that minute). */
const storeWith = (perMinute: (number | undefined)[], metricName = 'FailedLogins'): MetricStore => {
  const store = new MetricStore();
  perMinute.forEach((value, index) => {
    if (value !== undefined)
      store.put({
        namespace: 'CreamLogging',
        metricName,
        dimensions: {},
        timestampMs: index * minute + 5,
        value,
      });
  });
  return store;
};

describe('alarm evaluation', () => {
  it('goes to ALARM when M of the last N periods breach, with a readable reason', () => {
    const result = evaluateAlarm(alarm(), storeWith([12, 3, 15]), 3 * minute);
    expect(result.state).toBe('ALARM');
    expect(result.reason).toBe('FailedLogins: 12 >= 10 in 1 min (2 of 3 periods)');
    expect(result.periods.map((period) => period.value)).toEqual([12, 3, 15]);
  });

  it('stays OK when fewer than M periods breach', () => {
    expect(evaluateAlarm(alarm(), storeWith([12, 3, 4]), 3 * minute).state).toBe('OK');
  });

  it('only looks at the last N periods', () => {
    expect(evaluateAlarm(alarm(), storeWith([12, 12, 1, 1, 1]), 5 * minute).state).toBe('OK');
  });

  it.each<[TreatMissingData, string]>([
    ['missing', 'INSUFFICIENT_DATA'],
    ['notBreaching', 'OK'],
    ['breaching', 'ALARM'],
    ['ignore', 'OK'],
  ])('with no data at all and treatMissingData %s the state is %s', (treatMissingData, expected) => {
    expect(evaluateAlarm(alarm({ treatMissingData }), storeWith([]), 3 * minute, 'OK').state).toBe(expected);
  });

  it('ignore keeps an ALARM state when there is no data', () => {
    expect(
      evaluateAlarm(alarm({ treatMissingData: 'ignore' }), storeWith([]), 3 * minute, 'ALARM').state,
    ).toBe('ALARM');
  });

  it('counts missing periods as breaching only with breaching', () => {
    const data = [12, undefined, undefined];
    expect(evaluateAlarm(alarm({ treatMissingData: 'breaching' }), storeWith(data), 3 * minute).state).toBe(
      'ALARM',
    );
    expect(
      evaluateAlarm(alarm({ treatMissingData: 'notBreaching' }), storeWith(data), 3 * minute).state,
    ).toBe('OK');
    expect(evaluateAlarm(alarm({ treatMissingData: 'missing' }), storeWith(data), 3 * minute).state).toBe(
      'OK',
    );
  });

  it('evaluates percentiles (extended statistics)', () => {
    const store = new MetricStore();
    for (let i = 1; i <= 100; i++)
      store.put({
        namespace: 'CreamLogging',
        metricName: 'RequestLatency',
        dimensions: {},
        timestampMs: i,
        value: i * 20,
      });
    const latency = alarm({
      metricName: 'RequestLatency',
      statistic: 'p99',
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 1500,
      comparisonOperator: 'GreaterThanThreshold',
    });
    const result = evaluateAlarm(latency, store, minute);
    expect(result).toMatchObject({ state: 'ALARM', reason: 'RequestLatency: 1980 > 1500 in 1 min' });
  });

  it('evaluates metric-math alarms such as an error rate', () => {
    // Prepare
    const store = storeWith([2], 'Errors');
    for (let i = 0; i < 10; i++)
      store.put({
        namespace: 'CreamLogging',
        metricName: 'Requests',
        dimensions: {},
        timestampMs: i,
        value: 1,
      });
    const metric = (id: string, metricName: string) => ({
      id,
      returnData: false,
      metric: { namespace: 'CreamLogging', metricName, dimensions: {}, stat: 'Sum', period: 60 },
    });
    const rate = alarm({
      namespace: undefined,
      metricName: undefined,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 5,
      metrics: [
        metric('errors', 'Errors'),
        metric('requests', 'Requests'),
        { id: 'rate', expression: '100 * FILL(errors, 0) / requests', label: 'ErrorRate', returnData: true },
      ],
    });
    // Act / Assess
    expect(evaluateAlarm(rate, store, minute)).toMatchObject({
      state: 'ALARM',
      reason: 'ErrorRate: 20 >= 5 in 1 min',
    });
  });
});

describe('metric math', () => {
  it('respects precedence, parentheses, FILL and division by zero', () => {
    expect(evaluateMathExpression('1 + 2 * 3', {})).toBe(7);
    expect(evaluateMathExpression('(1 + 2) * 3 - -1', {})).toBe(10);
    expect(evaluateMathExpression('FILL(a, 0) + b', { a: undefined, b: 2 })).toBe(2);
    expect(evaluateMathExpression('a / b', { a: 1, b: 0 })).toBeUndefined();
    expect(evaluateMathExpression('a + 1', { a: undefined })).toBeUndefined();
  });

  it('supports comparisons, AND/OR and IF as the error-rate alarm uses them', () => {
    const rate = 'IF((FILL(r0, 0) + FILL(r1, 0)) >= 20, 100 * FILL(e, 0) / (FILL(r0, 0) + FILL(r1, 0)), 0)';
    expect(evaluateMathExpression(rate, { e: 2, r0: 10, r1: 10 })).toBe(10);
    expect(evaluateMathExpression(rate, { e: 2, r0: 5, r1: undefined })).toBe(0);
    expect(evaluateMathExpression('1 < 2 AND 3 >= 3 || 0', {})).toBe(1);
    expect(evaluateMathExpression('2 == 2 && 1 != 1', {})).toBe(0);
  });
});
