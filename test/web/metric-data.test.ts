import fc from 'fast-check';
import { computeMetricData } from '../../tools/local/web/metric-data';
import { parseMetricRows } from '../../tools/local/web/metric-rows';
import { MetricStore } from '../../tools/monitoring';

const ns = 'CreamLogging/Test';
const minute = 60_000;
const t0 = 1_700_000_000_000 - (1_700_000_000_000 % (5 * minute));

const storeWith = (
  data: { name: string; dims?: Record<string, string>; at: number; value: number }[],
): MetricStore => {
  const store = new MetricStore();
  for (const { name, dims = {}, at, value } of data)
    store.put({ namespace: ns, metricName: name, dimensions: dims, timestampMs: t0 + at, value });
  return store;
};

const range = { startMs: t0, endMs: t0 + 3 * minute, periodSeconds: 60 };

describe('metric widget rows', () => {
  it('expands "." and "..." shorthand and numbers rows without ids', () => {
    const rows = parseMetricRows([
      [ns, 'Latency', 'route', '/login', { stat: 'p99' }],
      ['.', '.', '.', '/health'],
      ['...', '/other', { id: 'x', visible: false }],
      [{ expression: 'm1 + m2', label: 'sum' }],
    ]);
    expect(rows.map((row) => [row.id, row.metric?.dimensions, row.stat, row.visible])).toEqual([
      ['m1', { route: '/login' }, 'p99', true],
      ['m2', { route: '/health' }, 'Average', true],
      ['x', { route: '/other' }, 'Average', false],
      ['e1', undefined, undefined, true],
    ]);
  });
});

describe('metric data', () => {
  it('computes each row statistic per aligned period, null where a period has no data', () => {
    const store = storeWith([
      { name: 'Logins', at: 1000, value: 1 },
      { name: 'Logins', at: 2000, value: 1 },
      { name: 'Logins', at: 2 * minute + 5, value: 1 },
    ]);
    const data = computeMetricData(parseMetricRows([[ns, 'Logins', { stat: 'Sum' }]]), store, range);
    expect(data.timestamps).toEqual([t0, t0 + minute, t0 + 2 * minute]);
    expect(data.series).toEqual([{ label: 'Logins', values: [2, null, 1] }]);
    expect(data.errors).toEqual([]);
  });

  it('finds every metric of a SEARCH schema, labelled by dimension value, and aggregates a search', () => {
    const store = storeWith([
      { name: 'RouteLatency', dims: { route: '/login' }, at: 10, value: 100 },
      { name: 'RouteLatency', dims: { route: '/login' }, at: 20, value: 300 },
      { name: 'RouteLatency', dims: { route: '/health' }, at: 30, value: 50 },
      // Same name, other dimension set: not in the schema.
      { name: 'RouteLatency', dims: { route: '/login', service: 'login' }, at: 40, value: 999 },
    ]);
    const search = `SEARCH('{${ns},route} MetricName="RouteLatency"', 'Maximum', 60)`;
    const data = computeMetricData(
      parseMetricRows([
        [{ expression: search, label: 'max' }],
        [{ expression: `SUM(${search})`, label: 'total' }],
      ]),
      store,
      range,
    );
    expect(data.series.map((series) => [series.label, series.values[0]])).toEqual([
      ['max /login', 300],
      ['max /health', 50],
      ['total', 350],
    ]);
  });

  it('evaluates FILL and IF with hidden rows, period by period, as the 5xx-rate alarm does', () => {
    const store = storeWith([
      ...Array.from({ length: 25 }, (_, i) => ({ name: 'Requests', at: i, value: 1 })),
      { name: 'ServerErrors', at: 5, value: 1 },
      { name: 'ServerErrors', at: 6, value: 1 },
      { name: 'Requests', at: minute + 1, value: 1 },
    ]);
    const rows = parseMetricRows([
      [ns, 'Requests', { id: 'total', stat: 'Sum', visible: false }],
      [ns, 'ServerErrors', { id: 'errors', stat: 'Sum', visible: false }],
      [{ expression: 'IF(total >= 20, rate, 0)', label: 'guarded', id: 'guarded' }],
      [{ expression: '100 * FILL(errors, 0) / total', id: 'rate', label: 'rate' }],
    ]);
    const data = computeMetricData(rows, store, range);
    expect(data.series).toEqual([
      { label: 'guarded', values: [8, 0, null] },
      { label: 'rate', values: [8, 0, null] },
    ]);
  });

  it('reports an expression it cannot compute and still draws the others', () => {
    const store = storeWith([{ name: 'Logins', at: 0, value: 1 }]);
    const rows = parseMetricRows([
      [ns, 'Logins', { stat: 'Sum' }],
      [{ expression: 'ANOMALY_DETECTION_BAND(m1)' }],
    ]);
    const data = computeMetricData(rows, store, range);
    expect(data.series.map((series) => series.label)).toEqual(['Logins']);
    expect(data.errors).toEqual([expect.stringMatching(/^e1: /)]);
  });

  it('a schema search returns exactly the metrics of that namespace and dimension set', () => {
    const metric = fc.record({
      namespace: fc.constantFrom(ns, 'Other'),
      name: fc.constantFrom('A', 'B'),
      dims: fc.subarray(['route', 'service', 'outcome']),
    });
    fc.assert(
      fc.property(
        fc.array(metric, { maxLength: 12 }),
        fc.subarray(['route', 'service', 'outcome']),
        (metrics, schema) => {
          const store = new MetricStore();
          for (const m of metrics)
            store.put({
              namespace: m.namespace,
              metricName: m.name,
              dimensions: Object.fromEntries(m.dims.map((d) => [d, `${d}-value`])),
              timestampMs: t0,
              value: 1,
            });
          const search = `SEARCH('{${[ns, ...schema].join(',')}}', 'Sum', 60)`;
          const found = computeMetricData(parseMetricRows([[{ expression: search }]]), store, range).series
            .length;
          const expected = new Set(
            metrics
              .filter((m) => m.namespace === ns && [...m.dims].sort().join() === [...schema].sort().join())
              .map((m) => `${m.name}|${[...m.dims].sort().join()}`),
          ).size;
          expect(found).toBe(expected);
        },
      ),
    );
  });
});
