import type { AlarmModel } from '../cloud-assembly';
import { percentileOf } from '../monitoring';
import { watches } from './alarm-metrics';
import { type LoadNeed, layerTimeoutMarginMs, loadNeed, ruleText } from './alarm-needs';
import type { FunctionRole } from './protocol';
import { minuteMs } from './scenario-requests';
import type { SizingTarget } from './scenario-sizing';

/** A busy period of one function: what its percentile alarms (latency, duration) need. */
export type Load = LoadNeed & { readonly periodMs: number };

const maxLoad = (a: Load | undefined, b: LoadNeed, period: number): Load => ({
  perPeriod: Math.max(a?.perPeriod ?? 0, b.perPeriod),
  slow: Math.max(a?.slow ?? 0, b.slow),
  slowMs: Math.max(a?.slowMs ?? 0, b.slowMs),
  periods: Math.max(a?.periods ?? 1, b.periods),
  periodMs: Math.max(a?.periodMs ?? 15 * minuteMs, period),
});

/**
 * Per function, the load its own percentile alarms need (each capped by its timeout: a slower call would be a
 * timeout, not a slow answer). A percentile alarm on no function (the API's latency) joins the loads that run
 * anyway when they can reach it, else the first routed function that can be slow enough.
 */
export const sizeLoads = (
  alarms: readonly AlarmModel[],
  targets: readonly SizingTarget[],
  limit: (alarm: AlarmModel, reason: string) => void,
): ReadonlyMap<FunctionRole, Load> => {
  const periodMs = (alarm: AlarmModel): number => alarm.periodSeconds * 1000;
  const percentileAlarms = alarms.filter(
    (candidate) => !candidate.metrics && percentileOf(candidate.statistic) !== undefined,
  );
  /** The slowest a call may be in that function without timing out. */
  const maxSlowMs = (target: SizingTarget) => target.timeoutMs - 2 * layerTimeoutMarginMs;
  const loads = new Map<FunctionRole, Load>();
  for (const target of targets)
    for (const alarm of percentileAlarms.filter((candidate) => watches(candidate, target))) {
      const need = loadNeed(alarm, maxSlowMs(target));
      if ('limit' in need) limit(alarm, need.limit);
      else loads.set(target.role, maxLoad(loads.get(target.role), need, periodMs(alarm)));
    }
  for (const alarm of percentileAlarms.filter(
    (candidate) => !targets.some((target) => watches(candidate, target)),
  )) {
    const able = targets
      .filter((target) => target.routed !== false)
      .flatMap((target) => {
        const need = loadNeed(alarm, maxSlowMs(target));
        return 'limit' in need ? [] : [{ target, need }];
      });
    const chosen = able.filter(({ target }) => loads.has(target.role));
    if (able.length === 0) {
      const need = loadNeed(alarm, Math.max(...targets.map(maxSlowMs)));
      limit(alarm, 'limit' in need ? need.limit : `${ruleText(alarm)}: no function of the API to load`);
    }
    for (const { target, need } of chosen.length > 0 ? chosen : able.slice(0, 1))
      loads.set(target.role, maxLoad(loads.get(target.role), need, periodMs(alarm)));
  }
  return loads;
};
