import { evaluateMathExpression, type MetricIdentity, type MetricStore } from '../../monitoring';
import type { MetricDataView, SeriesView } from './api-types';
import { defaultMetricLabel, type MetricRow } from './metric-rows';
import { compileSearch, parseSearchCall } from './search-expression';

export interface MetricDataRange {
  readonly startMs: number;
  readonly endMs: number;
  readonly periodSeconds: number;
}

type Values = (number | undefined)[];
interface Computed {
  readonly label: string;
  readonly values: Values;
}

/** Periods are aligned to the period, as GetMetricData aligns them; at most this many per answer. */
const MaxPoints = 1440;

const aggregates: Record<string, (values: number[]) => number> = {
  SUM: (values) => values.reduce((total, value) => total + value, 0),
  AVG: (values) => values.reduce((total, value) => total + value, 0) / values.length,
  MAX: (values) => Math.max(...values),
  MIN: (values) => Math.min(...values),
};

const seriesOf = (
  store: MetricStore,
  metric: MetricIdentity,
  stat: string,
  starts: number[],
  period: number,
) => starts.map((start) => store.statistic(metric, stat, start, period));

/** `SUM(SEARCH(...))`, `MAX(METRICS())`: one series from many, period by period. */
const aggregate = (name: string, many: readonly Computed[], length: number): Values =>
  Array.from({ length }, (_, index) => {
    const present = many.map((series) => series.values[index]).filter((value) => value !== undefined);
    return present.length > 0 ? aggregates[name](present) : undefined;
  });

/**
 * A metric widget's series over one time range, computed from the local metric store like GetMetricData:
 * metric rows with their statistic, SEARCH over every metric the store holds, SUM/AVG/MIN/MAX over a search or
 * `METRICS()`, and any other expression (FILL, IF, arithmetic, comparisons) evaluated period by period with the
 * same metric-math evaluator the alarms use, so a chart shows exactly what an alarm computes.
 */
export const computeMetricData = (
  rows: readonly MetricRow[],
  store: MetricStore,
  range: MetricDataRange,
): MetricDataView => {
  const periodMs = range.periodSeconds * 1000;
  const first = Math.floor(range.startMs / periodMs) * periodMs;
  const count = Math.min(MaxPoints, Math.max(1, Math.ceil((range.endMs - first) / periodMs)));
  const starts = Array.from({ length: count }, (_, index) => first + index * periodMs);
  const byId = new Map<string, Computed[]>();
  const errors: string[] = [];
  const computeSearch = (expression: string, label: string | undefined): Computed[] | undefined => {
    const call = parseSearchCall(expression);
    if (!call) return undefined;
    const matches = compileSearch(call.search);
    return store
      .all()
      .filter(matches)
      .map((metric) => ({
        label: label ? `${label} ${defaultMetricLabel(metric)}` : defaultMetricLabel(metric),
        values: seriesOf(store, metric, call.stat, starts, range.periodSeconds),
      }));
  };
  const computeExpression = (row: MetricRow): Computed[] => {
    const expression = row.expression!;
    const searched = computeSearch(expression, row.label);
    if (searched) return searched;
    const wrapped = /^\s*(SUM|AVG|MAX|MIN)\s*\((.*)\)\s*$/i.exec(expression);
    if (wrapped) {
      const inner = wrapped[2].trim();
      const many = /^METRICS\(\s*\)$/i.test(inner)
        ? [...byId.values()].flat()
        : computeSearch(inner, undefined);
      if (many)
        return [{ label: row.label ?? row.id, values: aggregate(wrapped[1].toUpperCase(), many, count) }];
    }
    const values = starts.map((_, index) => {
      const scope: Record<string, number | undefined> = {};
      for (const [id, computed] of byId) if (computed.length === 1) scope[id] = computed[0].values[index];
      return evaluateMathExpression(expression, scope);
    });
    return [{ label: row.label ?? row.id, values }];
  };

  for (const row of rows) {
    if (row.metric)
      byId.set(row.id, [
        {
          label: row.label ?? defaultMetricLabel(row.metric),
          values: seriesOf(store, row.metric, row.stat ?? 'Average', starts, range.periodSeconds),
        },
      ]);
  }
  // Expressions may name expressions listed after them: retry the failed ones while any succeeds.
  let pending = rows.filter((row) => row.expression);
  const failures = new Map<string, string>();
  for (let progress = true; progress && pending.length > 0; ) {
    progress = false;
    for (const row of pending) {
      try {
        byId.set(row.id, computeExpression(row));
        failures.delete(row.id);
        progress = true;
      } catch (error) {
        failures.set(row.id, (error as Error).message);
      }
    }
    pending = pending.filter((row) => !byId.has(row.id));
  }
  for (const [id, message] of failures) errors.push(`${id}: ${message}`);

  const shown: SeriesView[] = [];
  for (const row of rows) {
    const computed = byId.get(row.id);
    if (!row.visible || !computed) continue;
    for (const series of computed)
      shown.push({
        label: series.label,
        values: series.values.map((value) => value ?? null),
        ...(row.color ? { color: row.color } : {}),
      });
  }
  return { timestamps: starts, periodSeconds: range.periodSeconds, series: shown, errors };
};
