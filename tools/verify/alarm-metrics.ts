import { metricNames } from '../../layer/src/metric-names';
import type { AlarmModel } from '../cloud-assembly';
import type { SizingTarget } from './scenario-sizing';

/** Which metrics an alarm reads, and whether it watches one function: what the sizing reads from alarms. */

export const metricsOf = (alarm: AlarmModel) =>
  alarm.metrics
    ? alarm.metrics.flatMap((query) => (query.metric ? [query.metric] : []))
    : [
        {
          namespace: alarm.namespace ?? '',
          metricName: alarm.metricName ?? '',
          dimensions: alarm.dimensions,
        },
      ];
export const uses = (alarm: AlarmModel, metricName: string, namespace?: string): boolean =>
  metricsOf(alarm).some(
    (m) => m.metricName === metricName && (namespace === undefined || m.namespace === namespace),
  );

/** Whether an alarm watches this function: by its FunctionName or service dimension. */
export const watches = (alarm: AlarmModel, target: SizingTarget): boolean =>
  metricsOf(alarm).some(
    ({ dimensions: d }) =>
      (target.functionName !== undefined && d.FunctionName === target.functionName) ||
      (target.service !== undefined && d[metricNames.serviceDimension] === target.service),
  );
