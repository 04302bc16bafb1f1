export { alarmMetricLabel, alarmValue, breaches, evaluateAlarm, lowSampleMinimum } from './alarm-evaluation';
export * from './archive-pipeline';
export * from './data-protection';
export { extractEmfMetrics } from './emf';
export * from './lambda-records';
export {
  type AlarmSnapshot,
  LiveMonitoring,
  type LiveMonitoringOptions,
  type MetricSnapshot,
} from './live-monitoring';
export { MetricFilterSet } from './metric-filter-set';
export { evaluateMathExpression } from './metric-math';
export { type MetricSeries, MetricStore, metricKey } from './metric-store';
export * from './platform-metrics';
export { RecordIngestor } from './record-ingestor';
export { computeStatistic, isSupportedStatistic, percentileOf, type SimpleStatistic } from './statistics';
export type * from './types';
