import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { metricNames } from '../../layer/src/metric-names';
import { AlarmTopic } from '../../lib/alarm-topic';
import type { LoggedFunction } from '../../lib/logged-function';
import { type AlarmThresholds, MonitoringAlarms } from '../../lib/monitoring-alarms';
import { functionFilterSpecs, MonitoringMetricFilters } from '../../lib/monitoring-metric-filters';
import { PlatformAlarms, type PlatformAlarmThresholds } from '../../lib/platform-alarms';

export interface LoggedFunctionMonitoringProps {
  /** The function to watch. */
  readonly function: LoggedFunction;
  /**
   * Namespace of the filter metrics, and the one the function's EMF metrics go to: pass the LoggedFunction's
   * `metricsNamespace` if it sets one. @default metricNames.namespace ('CreamLogging')
   */
  readonly metricsNamespace?: string;
  /** The topic every alarm notifies. @default - a new AlarmTopic, subscribed to `alarmEmail` */
  readonly topic?: sns.ITopic;
  /** Subscribed to the new topic (ignored with `topic`). @default - none: the AlarmTopic warns at synth */
  readonly alarmEmail?: string;
  /** @default - MonitoringAlarms' named defaults */
  readonly alarmThresholds?: Partial<AlarmThresholds>;
  /** @default - PlatformAlarms' named defaults */
  readonly platformAlarmThresholds?: Partial<PlatformAlarmThresholds>;
}

/**
 * What the Cream stack watches for each of its functions, for one function of another app: the function
 * metric filters (error records, 5xx by service, timeouts, latency by route) on its log group, and its alarms:
 * error records, 5xx rate, timeouts, p99 latency (MonitoringAlarms), Lambda errors, throttles and p99 duration
 * (PlatformAlarms). The constructs are this repository's own; the alarms that watch the rest of the Cream stack
 * (brute force on its login, its health probe, its HTTP API) are left out. An HTTP API's own alarms:
 * PlatformAlarms.
 */
export class LoggedFunctionMonitoring extends Construct {
  public readonly topic: sns.ITopic;
  public readonly filters: MonitoringMetricFilters;
  public readonly recordAlarms: MonitoringAlarms;
  public readonly platformAlarms: PlatformAlarms;
  /** Every alarm this construct keeps, each notifying `topic`. */
  public readonly alarms: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: LoggedFunctionMonitoringProps) {
    super(scope, id);
    const fn = props.function;
    const namespace = props.metricsNamespace ?? metricNames.namespace;
    this.topic = props.topic ?? new AlarmTopic(this, 'AlarmTopic', { email: props.alarmEmail }).topic;

    this.filters = new MonitoringMetricFilters(this, 'MetricFilters', {
      namespace,
      targets: [{ logGroup: fn.logGroup, specs: functionFilterSpecs }],
    });
    this.recordAlarms = new MonitoringAlarms(this, 'Alarms', {
      filters: this.filters,
      topic: this.topic,
      emfNamespace: namespace,
      services: [{ service: fn.serviceName }],
      // nothing here writes login attempts or probe records: the probe alarm would breach forever
      bruteForce: false,
      healthProbe: false,
      thresholds: props.alarmThresholds,
    });

    this.platformAlarms = new PlatformAlarms(this, 'PlatformAlarms', {
      topic: this.topic,
      functions: [
        { serviceName: fn.serviceName, functionName: fn.function.functionName, timeout: fn.timeout },
      ],
      filters: this.filters,
      thresholds: props.platformAlarmThresholds,
    });
    this.alarms = [...this.recordAlarms.all, ...this.platformAlarms.all];
  }
}
