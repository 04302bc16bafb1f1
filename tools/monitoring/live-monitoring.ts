import type {
  AlarmModel,
  DeliveryStreamModel,
  MetricFilterModel,
  SubscriptionFilterModel,
} from '../cloud-assembly';
import { type CompiledFilterPattern, compileFilterPattern } from '../filter-pattern';
import { evaluateAlarm } from './alarm-evaluation';
import { ArchivePipeline, destinationTypeOf } from './archive-pipeline';
import { MetricStore } from './metric-store';
import { RecordIngestor } from './record-ingestor';
import { computeStatistic } from './statistics';
import type { AlarmEvaluation, AlarmState, AlarmStateChange, MetricDatum } from './types';

export interface LiveMonitoringOptions {
  /** Metric data older than this is dropped at each evaluation. Default: one day. */
  readonly retentionMs?: number;
  /** State changes kept per alarm. Default: 100. */
  readonly historyLimit?: number;
}

export interface MetricSnapshot {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly sampleCount: number;
  readonly sum: number;
  readonly minimum: number;
  readonly maximum: number;
  readonly p99: number;
  readonly lastValue: number;
  readonly lastTimestamp: string;
}

export interface AlarmSnapshot {
  readonly name: string;
  readonly state: AlarmState;
  readonly reason: string;
  readonly since: string | undefined;
  readonly metric: string;
  readonly statistic: string;
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly periods: AlarmEvaluation['periods'];
  /** State changes, oldest first (the newest `historyLimit`), as CloudWatch's DescribeAlarmHistory lists them. */
  readonly history: readonly AlarmStateChange[];
}

const DefaultRetentionMs = 24 * 60 * 60 * 1000;
const DefaultHistoryLimit = 100;

/**
 * The stack's monitoring running next to the local runtime: feed it each record as it is written, call
 * `evaluate` on a timer (CloudWatch evaluates alarms about once a minute) and print the state changes.
 */
export class LiveMonitoring {
  readonly store = new MetricStore();
  private readonly ingestor: RecordIngestor;
  private readonly states = new Map<
    string,
    { state: AlarmState; since?: number; evaluation?: AlarmEvaluation }
  >();
  private readonly history = new Map<string, AlarmStateChange[]>();
  private readonly retentionMs: number;
  private readonly historyLimit: number;
  private readonly alarms: readonly AlarmModel[];
  private readonly pipelines: readonly ArchivePipeline[];
  private readonly subscriptions: readonly {
    readonly filter: SubscriptionFilterModel;
    readonly pattern: CompiledFilterPattern;
    readonly pipeline: ArchivePipeline;
  }[];

  constructor(
    model: {
      readonly metricFilters: readonly MetricFilterModel[];
      readonly alarms: readonly AlarmModel[];
      /** Subscription filters to Firehose streams: their archive pipeline runs too (without faults). */
      readonly subscriptionFilters?: readonly SubscriptionFilterModel[];
      readonly deliveryStreams?: readonly DeliveryStreamModel[];
      /** Groups with data protection policies: their findings are counted. */
      readonly logGroups?: readonly { readonly name: string; readonly dataIdentifiers?: readonly string[] }[];
    },
    options: LiveMonitoringOptions = {},
  ) {
    this.ingestor = new RecordIngestor(model.metricFilters, this.store, model.logGroups);
    this.alarms = model.alarms;
    const byArn = new Map(
      (model.deliveryStreams ?? []).map((stream) => [
        stream.arn,
        new ArchivePipeline({ name: stream.name, bufferingMs: stream.bufferingSeconds * 1000 }),
      ]),
    );
    this.pipelines = [...byArn.values()];
    this.subscriptions = (model.subscriptionFilters ?? []).flatMap((filter) => {
      const pipeline = byArn.get(filter.destinationArn);
      return pipeline ? [{ filter, pipeline, pattern: compileFilterPattern(filter.filterPattern) }] : [];
    });
    this.retentionMs = options.retentionMs ?? DefaultRetentionMs;
    this.historyLimit = options.historyLimit ?? DefaultHistoryLimit;
    for (const alarm of this.alarms) {
      this.states.set(alarm.name, { state: 'INSUFFICIENT_DATA' });
      this.history.set(alarm.name, []);
    }
  }

  /** One log event of one log group; returns the metric data it published (subscriptions' included). */
  ingest(logGroupName: string, line: string, timestampMs = Date.now()): MetricDatum[] {
    const data = this.ingestor.ingestRecord(logGroupName, line, timestampMs);
    for (const { filter, pattern, pipeline } of this.subscriptions) {
      if (filter.logGroupName !== logGroupName || pattern.match(line) === undefined) continue;
      const forwarded = pipeline.forward({
        logGroupName,
        filterName: filter.filterName,
        destinationType: destinationTypeOf(filter.destinationArn),
        timestampMs,
      });
      this.put(forwarded);
      data.push(...forwarded);
    }
    return data;
  }

  /** Datapoints published by something other than a log event: the platform's own metrics. */
  put(data: readonly MetricDatum[]): void {
    for (const datum of data) this.store.put(datum);
  }

  /** Evaluates every alarm at `nowMs`; returns only the alarms whose state changed. */
  evaluate(nowMs = Date.now()): AlarmStateChange[] {
    for (const pipeline of this.pipelines) this.put(pipeline.advance(nowMs));
    this.store.prune(nowMs - this.retentionMs);
    const changes: AlarmStateChange[] = [];
    for (const alarm of this.alarms) {
      const current = this.states.get(alarm.name)!;
      const evaluation = evaluateAlarm(alarm, this.store, nowMs, current.state);
      if (evaluation.state !== current.state) {
        const change: AlarmStateChange = {
          alarmName: alarm.name,
          previous: current.state,
          state: evaluation.state,
          reason: evaluation.reason,
          timestampMs: nowMs,
        };
        changes.push(change);
        const history = this.history.get(alarm.name)!;
        history.push(change);
        if (history.length > this.historyLimit) history.splice(0, history.length - this.historyLimit);
        this.states.set(alarm.name, { state: evaluation.state, since: nowMs, evaluation });
      } else {
        this.states.set(alarm.name, { ...current, evaluation });
      }
    }
    return changes;
  }

  /** JSON for `/_local/alarms` and `/_local/metrics`: the state of the last `evaluate`, and metric totals. */
  snapshot(): { alarms: AlarmSnapshot[]; metrics: MetricSnapshot[] } {
    const alarms = this.alarms.map((alarm): AlarmSnapshot => {
      const entry = this.states.get(alarm.name)!;
      return {
        name: alarm.name,
        state: entry.state,
        reason: entry.evaluation?.reason ?? 'not evaluated yet',
        since: entry.since === undefined ? undefined : new Date(entry.since).toISOString(),
        metric: alarm.metricName ?? 'metric math',
        statistic: alarm.statistic,
        threshold: alarm.threshold,
        periodSeconds: alarm.periodSeconds,
        periods: entry.evaluation?.periods ?? [],
        history: [...this.history.get(alarm.name)!],
      };
    });
    const metrics = this.store.all().map((series): MetricSnapshot => {
      const values = series.data.map((datum) => datum.value);
      const last = series.data[series.data.length - 1];
      return {
        namespace: series.namespace,
        metricName: series.metricName,
        dimensions: series.dimensions,
        sampleCount: values.length,
        sum: computeStatistic(values, 'Sum')!,
        minimum: computeStatistic(values, 'Minimum')!,
        maximum: computeStatistic(values, 'Maximum')!,
        p99: computeStatistic(values, 'p99')!,
        lastValue: last.value,
        lastTimestamp: new Date(last.timestampMs).toISOString(),
      };
    });
    return { alarms, metrics };
  }
}
