import type { AlarmModel, ComparisonOperator } from '../../cloud-assembly';
import { type AlarmSnapshot, alarmMetricLabel } from '../../monitoring';
import type { AlarmView } from './api-types';

const symbols: Record<ComparisonOperator, string> = {
  GreaterThanOrEqualToThreshold: '>=',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

/** Every alarm of the stack as the Alarms view shows it: its definition joined with its live state. */
export const alarmViews = (
  alarms: readonly AlarmModel[],
  snapshots: readonly AlarmSnapshot[],
): AlarmView[] => {
  const byName = new Map(snapshots.map((snapshot) => [snapshot.name, snapshot]));
  return alarms.map((alarm) => {
    const snapshot = byName.get(alarm.name);
    return {
      name: alarm.name,
      description: alarm.description,
      state: snapshot?.state ?? 'INSUFFICIENT_DATA',
      reason: snapshot?.reason ?? 'not evaluated yet',
      since: snapshot?.since === undefined ? undefined : Date.parse(snapshot.since),
      metric: alarm.metricName ? `${alarm.metricName} (${alarm.statistic})` : alarmMetricLabel(alarm),
      condition: `${symbols[alarm.comparisonOperator]} ${alarm.threshold}`,
      periodSeconds: alarm.periodSeconds,
      evaluationPeriods: alarm.evaluationPeriods,
      datapointsToAlarm: alarm.datapointsToAlarm,
      treatMissingData: alarm.treatMissingData,
      periods: (snapshot?.periods ?? []).map((period) => ({
        startMs: period.startMs,
        value: period.value ?? null,
        breaching: period.breaching ?? null,
      })),
      history: snapshot?.history ?? [],
    };
  });
};
