import { chartOf } from '../../tools/local/web/log-queries';

describe('query results as a chart', () => {
  it('draws stats by bin(): one series per group and numeric column, over the sorted bins', () => {
    const rows = [
      { service: 'login', 'bin(1h)': '2026-12-01 21:00:00.000', cold_starts: '4' },
      { service: 'health', 'bin(1h)': '2026-12-01 21:00:00.000', cold_starts: '1' },
      { service: 'login', 'bin(1h)': '2026-12-01 20:00:00.000', cold_starts: '2' },
    ];
    const query = 'filter cold_start = 1 | stats count(*) as cold_starts by service, bin(1h)';
    expect(chartOf(query, ['service', 'bin(1h)', 'cold_starts'], rows)).toEqual({
      timestamps: [Date.UTC(2026, 11, 1, 20), Date.UTC(2026, 11, 1, 21)],
      series: [
        { label: 'login', values: [2, 4] },
        { label: 'health', values: [null, 1] },
      ],
    });
  });

  it('finds an aliased bin and names series by column when there is no other group', () => {
    const rows = [{ hour: '2026-12-01 21:00:00.000', requests: '3', p99: '12.5' }];
    const chart = chartOf(
      'stats count(*) as requests, pct(d, 99) as p99 by bin(1h) as hour',
      ['hour', 'requests', 'p99'],
      rows,
    );
    expect(chart?.series.map((series) => [series.label, series.values])).toEqual([
      ['requests', [3]],
      ['p99', [12.5]],
    ]);
  });

  it('draws nothing for a query without bin(), or when the bins are not times', () => {
    expect(
      chartOf('stats count(*) by route', ['route', 'count(*)'], [{ route: '/a', 'count(*)': '1' }]),
    ).toBeUndefined();
    expect(
      chartOf('fields bin(1h)', ['bin(1h)'], [{ 'bin(1h)': '2026-12-01 21:00:00.000' }]),
    ).toBeUndefined();
    expect(
      chartOf('stats count(*) as n by bin(1h)', ['bin(1h)', 'n'], [{ 'bin(1h)': 'soon', n: '1' }]),
    ).toBeUndefined();
  });
});
