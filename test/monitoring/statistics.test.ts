import { computeStatistic, MetricStore, percentileOf } from '../../tools/monitoring';

describe('statistics per period', () => {
  const values = [5, 1, 4, 2, 3];

  it('computes the simple statistics CloudWatch offers', () => {
    expect(computeStatistic(values, 'SampleCount')).toBe(5);
    expect(computeStatistic(values, 'Sum')).toBe(15);
    expect(computeStatistic(values, 'Average')).toBe(3);
    expect(computeStatistic(values, 'Minimum')).toBe(1);
    expect(computeStatistic(values, 'Maximum')).toBe(5);
  });

  it('computes nearest-rank percentiles from raw samples', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(computeStatistic(hundred, 'p50')).toBe(50);
    expect(computeStatistic(hundred, 'p99')).toBe(99);
    expect(computeStatistic(hundred, 'p99.9')).toBe(100);
    expect(computeStatistic([7], 'p99')).toBe(7);
    expect(percentileOf('p95')).toBe(95);
    expect(percentileOf('Sum')).toBeUndefined();
  });

  it('reports a period without samples as missing, not zero', () => {
    expect(computeStatistic([], 'Sum')).toBeUndefined();
  });

  it('rejects statistics it does not know', () => {
    expect(() => computeStatistic([1], 'tm99')).toThrow('Unsupported statistic tm99');
  });

  it('keeps metrics apart by their exact dimension set and buckets samples by period', () => {
    // Prepare
    const store = new MetricStore();
    const base = { namespace: 'N', metricName: 'M', timestampMs: 0 };
    store.put({ ...base, dimensions: {}, value: 1 });
    store.put({ ...base, dimensions: {}, value: 2, timestampMs: 59_999 });
    store.put({ ...base, dimensions: {}, value: 10, timestampMs: 60_000 });
    store.put({ ...base, dimensions: { service: 'login' }, value: 100 });
    // Act / Assess
    expect(store.statistic({ ...base, dimensions: {} }, 'Sum', 0, 60)).toBe(3);
    expect(store.statistic({ ...base, dimensions: {} }, 'Sum', 60_000, 60)).toBe(10);
    expect(store.statistic({ ...base, dimensions: { service: 'login' } }, 'Sum', 0, 60)).toBe(100);
    store.prune(60_000);
    expect(store.statistic({ ...base, dimensions: {} }, 'Sum', 0, 60)).toBeUndefined();
  });
});
