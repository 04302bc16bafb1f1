/**
 * `@cream/logging-cdk`: the constructs of this repository's `lib/`, for other CDK apps. The package bundles
 * these files (`build.ts`); nothing here is a copy of them.
 */

export { metricNames } from '../../layer/src/metric-names';
export { AlarmTopic, type AlarmTopicProps, NoSubscriberWarning } from '../../lib/alarm-topic';
export { CreamLoggingLayer, type CreamLoggingLayerProps } from '../../lib/cream-logging-layer';
export {
  absent,
  anyOf,
  atLeast,
  categoryPattern,
  eitherPattern,
  eventPattern,
  greaterThan,
  levelPattern,
  not,
  present,
} from '../../lib/filter-patterns';
export {
  DefaultLogRetention,
  LoggedFunction,
  type LoggedFunctionProps,
} from '../../lib/logged-function';
export {
  type AlarmThresholds,
  DefaultErrorEventsPer5Min,
  DefaultFailedLoginsPer5Min,
  DefaultP99LatencyMs,
  DefaultServerErrorRateMinRequests,
  DefaultServerErrorRatePercent,
  MonitoringAlarms,
  type MonitoringAlarmsProps,
} from '../../lib/monitoring-alarms';
export {
  type FilterMetricName,
  filterMetrics,
  functionFilterSpecs,
  type MetricFilterSpec,
  MonitoringMetricFilters,
  type MonitoringMetricFiltersProps,
} from '../../lib/monitoring-metric-filters';
export {
  DefaultApiP99LatencyMs,
  DefaultApiServerErrorRateMinRequests,
  DefaultApiServerErrorRatePercent,
  DefaultDurationShareOfTimeout,
  DefaultLambdaErrorsPer5Min,
  DefaultLambdaThrottlesPer5Min,
  type MonitoredFunction,
  PlatformAlarms,
  type PlatformAlarmsProps,
  type PlatformAlarmThresholds,
} from '../../lib/platform-alarms';
export { LoggedFunctionMonitoring, type LoggedFunctionMonitoringProps } from './logged-function-monitoring';
