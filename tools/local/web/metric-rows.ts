import type { MetricIdentity } from '../../monitoring';

/** One row of a metric widget's `metrics` array: a metric with its statistic, or a math expression. */
export interface MetricRow {
  readonly id: string;
  readonly label?: string;
  readonly color?: string;
  readonly visible: boolean;
  readonly stat?: string;
  readonly metric?: MetricIdentity;
  readonly expression?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/**
 * Expands the dashboard body's shorthand: `"."` repeats the previous row's value at that position, and a
 * leading `"..."` repeats the previous row's values except the ones that follow it, which replace its last
 * values (`["...", "route", "/health"]` after `[ns, name, "route", "/login"]`).
 */
const expandShorthand = (strings: string[], previous: readonly string[]): string[] => {
  if (strings[0] === '...') {
    const tail = strings.slice(1);
    return [...previous.slice(0, Math.max(0, previous.length - tail.length)), ...tail];
  }
  return strings.map((value, index) => (value === '.' ? (previous[index] ?? '') : value));
};

/**
 * Parses a widget's `metrics`: `[namespace, metricName, dimName, dimValue, ..., { stat, label, id, ... }]` or
 * `[{ expression, label, id }]`. Rows without an id get `m1`, `m2`... (metrics) and `e1`, `e2`...
 * (expressions), as the console does, so expressions can name them.
 */
export const parseMetricRows = (metrics: unknown, defaultStat?: string): MetricRow[] => {
  if (!Array.isArray(metrics)) return [];
  let previous: string[] = [];
  let metricCount = 0;
  let expressionCount = 0;
  return metrics.filter(Array.isArray).map((row: unknown[]): MetricRow => {
    const last = row[row.length - 1];
    const options = isRecord(last) ? last : {};
    const common = {
      label: optionalString(options.label),
      color: optionalString(options.color),
      visible: options.visible !== false,
    };
    if (typeof options.expression === 'string') {
      expressionCount++;
      return {
        ...common,
        id: optionalString(options.id) ?? `e${expressionCount}`,
        expression: options.expression,
      };
    }
    metricCount++;
    const strings = expandShorthand(
      row.filter((item) => !isRecord(item)).map((item) => String(item)),
      previous,
    );
    previous = strings;
    const [namespace = '', metricName = '', ...pairs] = strings;
    const dimensions: Record<string, string> = {};
    for (let index = 0; index + 1 < pairs.length; index += 2) dimensions[pairs[index]] = pairs[index + 1];
    return {
      ...common,
      id: optionalString(options.id) ?? `m${metricCount}`,
      stat: optionalString(options.stat) ?? defaultStat ?? 'Average',
      metric: { namespace, metricName, dimensions },
    };
  });
};

/** The label CloudWatch shows for a metric without one: its name, then its dimension values. */
export const defaultMetricLabel = (metric: MetricIdentity): string => {
  const values = Object.values(metric.dimensions);
  return values.length > 0 ? values.join(' ') : metric.metricName;
};
