/** One value of one metric at one time, as PutMetricData (or a metric filter, or EMF) would publish it. */
export interface MetricDatum {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly timestampMs: number;
  readonly value: number;
  readonly unit?: string;
  /** Where it came from: a metric filter's name, or `emf`. */
  readonly source?: string;
}

/** A metric is identified by namespace, name and its exact set of dimensions, as in CloudWatch. */
export interface MetricIdentity {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** One period of an alarm's evaluation range: the statistic's value, or undefined when no data. */
export interface EvaluatedPeriod {
  readonly startMs: number;
  readonly value: number | undefined;
  /** Whether the period counts as breaching after treatMissingData is applied (undefined: ignored). */
  readonly breaching: boolean | undefined;
  /** Samples in the period, when fewer than a percentile alarm with `ignore` evaluates (it was ignored). */
  readonly lowSamples?: number;
}

export interface AlarmEvaluation {
  readonly alarmName: string;
  readonly state: AlarmState;
  readonly reason: string;
  readonly periods: readonly EvaluatedPeriod[];
}

export interface AlarmStateChange {
  readonly alarmName: string;
  readonly previous: AlarmState;
  readonly state: AlarmState;
  readonly reason: string;
  readonly timestampMs: number;
}
