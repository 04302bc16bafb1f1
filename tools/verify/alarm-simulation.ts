import type { AlarmModel, MetricFilterModel } from '../cloud-assembly';
import { type AlarmState, evaluateAlarm, type MetricDatum, MetricStore, RecordIngestor } from '../monitoring';
import { blockMs } from './scenarios';
import { simulationStartMs, type TimelineEvent } from './timeline';

export interface AlarmOutcome {
  readonly alarmName: string;
  readonly logicalId: string;
  /** The first non-benign scenario block where the alarm reached ALARM, with the evaluation's reason. */
  readonly firedBy?: {
    readonly scenarios: readonly string[];
    readonly atMinute: number;
    readonly reason: string;
    /** The highest breaching period value of that evaluation (undefined when only missing data breached). */
    readonly value?: number;
  };
  /** Every non-benign scenario whose block drove the alarm to ALARM, in block order. */
  readonly firingScenarios: readonly string[];
  /** The worst state benign traffic produced, and why. */
  readonly benign: { readonly state: AlarmState; readonly reason: string };
}

const minuteMs = 60_000;

/**
 * Publishes every event's metrics (metric filters and EMF) and the platform's datapoints into one store, then evaluates each alarm once a
 * simulated minute (CloudWatch's cadence) through every scenario block, carrying the state from one
 * evaluation to the next within a block as CloudWatch does (it matters for treatMissingData `ignore` and
 * percentiles that ignore low sample counts).
 */
export const simulateAlarms = (
  alarms: readonly AlarmModel[],
  filters: readonly MetricFilterModel[],
  events: readonly TimelineEvent[],
  /** What the platform published about the same traffic (AWS/Lambda, AWS/ApiGateway, ...). */
  platform: readonly MetricDatum[] = [],
  /** Log groups, for their data protection findings. */
  logGroups: readonly { readonly name: string; readonly dataIdentifiers?: readonly string[] }[] = [],
): AlarmOutcome[] => {
  const store = new MetricStore();
  const ingestor = new RecordIngestor(filters, store, logGroups);
  for (const event of events) ingestor.ingestRecord(event.logGroupName, event.line, event.timestampMs);
  for (const datum of platform) store.put(datum);

  const blocks = new Map<number, { scenarios: Set<string>; benign: boolean }>();
  for (const event of events) {
    const block = blocks.get(event.block) ?? { scenarios: new Set<string>(), benign: event.benign };
    block.scenarios.add(event.scenario);
    blocks.set(event.block, block);
  }
  const ordered = [...blocks.entries()].sort(([a], [b]) => a - b);
  const rank: Record<AlarmState, number> = { OK: 0, INSUFFICIENT_DATA: 1, ALARM: 2 };

  return alarms.map((alarm) => {
    let state: AlarmState = 'INSUFFICIENT_DATA';
    let firedBy: AlarmOutcome['firedBy'];
    let benign: AlarmOutcome['benign'] | undefined;
    const firing = new Set<string>();
    for (const [index, block] of ordered) {
      const start = simulationStartMs + index * blockMs;
      // Each block is its own story: an alarm enters it as a new one would. Without this, a state kept across
      // periods of too few samples (a p99 set to ignore them) would carry one block's ALARM into the next.
      state = 'INSUFFICIENT_DATA';
      for (let minute = 1; minute <= blockMs / minuteMs; minute++) {
        const evaluation = evaluateAlarm(alarm, store, start + minute * minuteMs, state);
        state = evaluation.state;
        if (block.benign) {
          if (!benign || rank[state] > rank[benign.state]) benign = { state, reason: evaluation.reason };
        } else if (state === 'ALARM') {
          for (const scenario of block.scenarios) firing.add(scenario);
        }
        if (!block.benign && state === 'ALARM' && !firedBy) {
          const values = evaluation.periods.flatMap((p) =>
            p.breaching && p.value !== undefined ? [p.value] : [],
          );
          const value = values.length > 0 ? Math.max(...values) : undefined;
          firedBy = { scenarios: [...block.scenarios], atMinute: minute, reason: evaluation.reason, value };
        }
      }
    }
    return {
      alarmName: alarm.name,
      logicalId: alarm.logicalId,
      firedBy,
      firingScenarios: [...firing],
      benign: benign ?? { state: 'INSUFFICIENT_DATA', reason: 'no benign traffic was simulated' },
    };
  });
};
