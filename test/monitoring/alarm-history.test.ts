import type { AlarmModel, MetricFilterModel } from '../../tools/cloud-assembly';
import { LiveMonitoring } from '../../tools/monitoring';

const failedLogins: MetricFilterModel = {
  logicalId: 'FailedLoginsFilter',
  logGroupName: '/aws/lambda/Login',
  filterName: 'FailedLogins',
  filterPattern: '{ $.message = "login_attempt" && $.outcome = "failure" }',
  metricTransformations: [
    { metricNamespace: 'CreamLogging', metricName: 'FailedLogins', metricValue: '1', dimensions: {} },
  ],
};

const bruteForce: AlarmModel = {
  logicalId: 'BruteForce',
  name: 'Stack-BruteForce',
  namespace: 'CreamLogging',
  metricName: 'FailedLogins',
  dimensions: {},
  statistic: 'Sum',
  periodSeconds: 60,
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  threshold: 3,
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  treatMissingData: 'notBreaching',
  alarmActions: [],
  okActions: [],
};

const failure = JSON.stringify({ message: 'login_attempt', outcome: 'failure' });
const minute = 60_000;
const start = 1_700_000_000_000;

const burst = (monitoring: LiveMonitoring, at: number, count = 3) => {
  for (let i = 0; i < count; i++) monitoring.ingest('/aws/lambda/Login', failure, at + i);
};

describe('alarm history', () => {
  it('lists every state change, oldest first, with its reason and time', () => {
    // Prepare
    const monitoring = new LiveMonitoring({ metricFilters: [failedLogins], alarms: [bruteForce] });
    // Act
    monitoring.evaluate(start);
    burst(monitoring, start + 10);
    monitoring.evaluate(start + 1000);
    monitoring.evaluate(start + 2000);
    monitoring.evaluate(start + 2 * minute);
    // Assess
    const [alarm] = monitoring.snapshot().alarms;
    expect(alarm.history).toEqual([
      expect.objectContaining({ previous: 'INSUFFICIENT_DATA', state: 'OK', timestampMs: start }),
      expect.objectContaining({
        previous: 'OK',
        state: 'ALARM',
        reason: 'FailedLogins: 3 >= 3 in 1 min',
        timestampMs: start + 1000,
      }),
      expect.objectContaining({ previous: 'ALARM', state: 'OK', timestampMs: start + 2 * minute }),
    ]);
  });

  it('keeps only the newest changes, and a snapshot is a copy', () => {
    // Prepare
    const monitoring = new LiveMonitoring(
      { metricFilters: [failedLogins], alarms: [bruteForce] },
      { historyLimit: 2 },
    );
    // Act: OK, then ALARM and OK again twice (five changes).
    monitoring.evaluate(start);
    for (const round of [1, 3]) {
      burst(monitoring, start + round * minute);
      monitoring.evaluate(start + round * minute + 1000);
      monitoring.evaluate(start + (round + 1) * minute + 1000);
    }
    const [first] = monitoring.snapshot().alarms;
    monitoring.evaluate(start + 10 * minute);
    // Assess
    expect(first.history.map((change) => change.state)).toEqual(['ALARM', 'OK']);
    expect(first.history[1].timestampMs).toBe(start + 4 * minute + 1000);
    expect(monitoring.snapshot().alarms[0].history).toHaveLength(2);
    (first.history as unknown[]).length = 0;
    expect(monitoring.snapshot().alarms[0].history).toHaveLength(2);
  });
});
