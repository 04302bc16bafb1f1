import type { MetricFilterModel } from '../../tools/cloud-assembly';
import { extractEmfMetrics, LiveMonitoring, MetricStore, RecordIngestor } from '../../tools/monitoring';

const failedLogins: MetricFilterModel = {
  logicalId: 'FailedLoginsFilter',
  logGroupName: '/aws/lambda/Login',
  filterName: 'FailedLogins',
  filterPattern: '{ $.message = "login_attempt" && $.outcome = "failure" }',
  metricTransformations: [
    {
      metricNamespace: 'CreamLogging',
      metricName: 'FailedLogins',
      metricValue: '1',
      defaultValue: 0,
      dimensions: {},
    },
  ],
};
const latency: MetricFilterModel = {
  logicalId: 'LatencyFilter',
  logGroupName: '/aws/lambda/Login',
  filterName: 'Latency',
  filterPattern: '{ $.message = "request_completed" && $.duration_ms = * }',
  metricTransformations: [
    { metricNamespace: 'CreamLogging', metricName: 'Latency', metricValue: '$.duration_ms', dimensions: {} },
  ],
};

const line = (record: object) => JSON.stringify(record);

describe('metric filters on ingested records', () => {
  it('publishes the metric value on a match and defaultValue on every other event', () => {
    // Prepare
    const store = new MetricStore();
    const ingestor = new RecordIngestor([failedLogins], store);
    // Act
    const miss = ingestor.ingestRecord(
      '/aws/lambda/Login',
      line({ message: 'login_attempt', outcome: 'success' }),
      1,
    );
    const hit = ingestor.ingestRecord(
      '/aws/lambda/Login',
      line({ message: 'login_attempt', outcome: 'failure' }),
      2,
    );
    const otherGroup = ingestor.ingestRecord(
      '/aws/lambda/Health',
      line({ message: 'login_attempt', outcome: 'failure' }),
      3,
    );
    // Assess
    expect(miss.map((datum) => datum.value)).toEqual([0]);
    expect(hit).toEqual([
      expect.objectContaining({
        metricName: 'FailedLogins',
        value: 1,
        source: 'FailedLogins',
        timestampMs: 2,
      }),
    ]);
    expect(otherGroup).toEqual([]);
    const metric = { namespace: 'CreamLogging', metricName: 'FailedLogins', dimensions: {} };
    expect(store.statistic(metric, 'Sum', 0, 60)).toBe(1);
    expect(store.statistic(metric, 'SampleCount', 0, 60)).toBe(2);
  });

  it('publishes a field value and nothing for non-matching events without a defaultValue', () => {
    const ingestor = new RecordIngestor([latency], new MetricStore());
    expect(
      ingestor.ingestRecord(
        '/aws/lambda/Login',
        line({ message: 'request_completed', duration_ms: 42.5 }),
        1,
      ),
    ).toEqual([expect.objectContaining({ value: 42.5 })]);
    expect(ingestor.ingestRecord('/aws/lambda/Login', line({ message: 'login_attempt' }), 1)).toEqual([]);
  });

  it('names the filter when its pattern is invalid', () => {
    expect(
      () => new RecordIngestor([{ ...failedLogins, filterPattern: '{ $.message = ' }], new MetricStore()),
    ).toThrow(/^Metric filter FailedLogins: /);
  });
});

describe('embedded metric format', () => {
  it('reads each metric of each dimension set from the top-level members', () => {
    const record = {
      service: 'login',
      RequestLatency: [12, 30],
      RequestCount: 1,
      _aws: {
        Timestamp: 1,
        CloudWatchMetrics: [
          {
            Namespace: 'CreamLogging',
            Dimensions: [['service'], []],
            Metrics: [{ Name: 'RequestLatency', Unit: 'Milliseconds' }, { Name: 'RequestCount' }],
          },
        ],
      },
    };
    const data = extractEmfMetrics(record, 5000);
    expect(data.map(({ metricName, dimensions, value }) => ({ metricName, dimensions, value }))).toEqual([
      { metricName: 'RequestLatency', dimensions: { service: 'login' }, value: 12 },
      { metricName: 'RequestLatency', dimensions: { service: 'login' }, value: 30 },
      { metricName: 'RequestCount', dimensions: { service: 'login' }, value: 1 },
      { metricName: 'RequestLatency', dimensions: {}, value: 12 },
      { metricName: 'RequestLatency', dimensions: {}, value: 30 },
      { metricName: 'RequestCount', dimensions: {}, value: 1 },
    ]);
    expect(data[0]).toMatchObject({ timestampMs: 5000, unit: 'Milliseconds', source: 'emf' });
  });

  it('drops metrics whose dimension member is missing or whose value is not a number', () => {
    const directive = { Namespace: 'N', Dimensions: [['service']], Metrics: [{ Name: 'M' }] };
    expect(extractEmfMetrics({ M: 1, _aws: { CloudWatchMetrics: [directive] } }, 0)).toEqual([]);
    expect(extractEmfMetrics({ service: 's', M: 'x', _aws: { CloudWatchMetrics: [directive] } }, 0)).toEqual(
      [],
    );
    expect(extractEmfMetrics({ message: 'no _aws' }, 0)).toEqual([]);
  });
});

describe('LiveMonitoring', () => {
  it('reports state changes as records arrive and exposes a JSON snapshot', () => {
    // Prepare
    const monitoring = new LiveMonitoring({
      metricFilters: [failedLogins],
      alarms: [
        {
          logicalId: 'BruteForce',
          name: 'Stack-BruteForce',
          namespace: 'CreamLogging',
          metricName: 'FailedLogins',
          dimensions: {},
          statistic: 'Sum',
          periodSeconds: 300,
          evaluationPeriods: 1,
          datapointsToAlarm: 1,
          threshold: 10,
          comparisonOperator: 'GreaterThanOrEqualToThreshold',
          treatMissingData: 'notBreaching',
          alarmActions: [],
          okActions: [],
        },
      ],
    });
    const start = 1_700_000_100_000;
    // Act
    const first = monitoring.evaluate(start);
    for (let i = 0; i < 12; i++)
      monitoring.ingest(
        '/aws/lambda/Login',
        line({ message: 'login_attempt', outcome: 'failure' }),
        start + i,
      );
    const second = monitoring.evaluate(start + 1000);
    const third = monitoring.evaluate(start + 2000);
    // Assess
    expect(first).toEqual([expect.objectContaining({ previous: 'INSUFFICIENT_DATA', state: 'OK' })]);
    expect(second).toEqual([
      expect.objectContaining({
        alarmName: 'Stack-BruteForce',
        previous: 'OK',
        state: 'ALARM',
        reason: 'FailedLogins: 12 >= 10 in 5 min',
      }),
    ]);
    expect(third).toEqual([]);
    const snapshot = monitoring.snapshot();
    expect(snapshot.alarms[0]).toMatchObject({ name: 'Stack-BruteForce', state: 'ALARM' });
    expect(snapshot.metrics[0]).toMatchObject({ metricName: 'FailedLogins', sampleCount: 12, sum: 12 });
  });
});
