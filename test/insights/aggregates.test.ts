import { at, jsonEvent, rowsOf, stamp } from './helpers';

const values = (records: Record<string, unknown>[]) => records.map((record, i) => jsonEvent(at(i), record));

describe('aggregation functions', () => {
  const events = [
    ...values([
      { n: 3, s: 'b', ip: '10.0.0.1' },
      { n: 1, s: 'a', ip: '10.0.0.2' },
      { n: '4', s: 'c', ip: '10.0.0.1' },
      { n: 'n/a', ip: '10.0.0.3' },
      { s: 'a10' },
      { n: 2, s: 'a9', ip: 200 },
      { n: 5, ip: '200' },
    ]),
  ];

  it('counts events, fields present and distinct values (exactly; "200" and 200 are one value)', () => {
    expect(
      rowsOf(
        'stats count(*) as all, count() as empty, count(n) as with_n, count_distinct(ip) as ips',
        events,
      ),
    ).toEqual([{ all: '7', empty: '7', with_n: '6', ips: '4' }]);
  });

  it('sums, averages and takes extremes over numbers only; min and max fall back to text', () => {
    expect(
      rowsOf(
        'stats sum(n) as sum, avg(n) as avg, min(n) as min, max(n) as max, min(s) as first, max(s) as last',
        events,
      ),
    ).toEqual([{ sum: '15', avg: '3', min: '1', max: '5', first: 'a', last: 'c' }]);
  });

  it('takes the nearest-rank percentile, a value of the data', () => {
    const ten = values(Array.from({ length: 10 }, (_, i) => ({ d: (i + 1) * 10 })));
    expect(
      rowsOf(
        'stats pct(d, 50) as p50, pct(d, 90) as p90, pct(d, 91) as p91, pct(d, 0) as p0, pct(d, 100) as p100',
        ten,
      ),
    ).toEqual([{ p50: '50', p90: '90', p91: '100', p0: '10', p100: '100' }]);
  });

  it('gives the sample standard deviation (n - 1), 0 for a single value', () => {
    expect(
      rowsOf(
        'stats stddev(d) as sd',
        values([{ d: 2 }, { d: 4 }, { d: 4 }, { d: 4 }, { d: 5 }, { d: 5 }, { d: 7 }, { d: 9 }]),
      ),
    ).toEqual([{ sd: String(Math.sqrt(32 / 7)) }]);
    expect(rowsOf('stats stddev(d) as sd', values([{ d: 2 }]))).toEqual([{ sd: '0' }]);
  });

  it('takes earliest and latest by @timestamp, whatever the arrival order', () => {
    const shuffled = [
      jsonEvent(at(5), { v: 'middle' }),
      jsonEvent(at(9), { v: 'last' }),
      jsonEvent(at(1), { v: 'first' }),
      jsonEvent(at(7), {}),
    ];
    expect(
      rowsOf(
        'stats earliest(v) as e, latest(v) as l, latest(@timestamp) as t, min(@timestamp) as m',
        shuffled,
      ),
    ).toEqual([{ e: 'first', l: 'last', t: stamp(9), m: stamp(1) }]);
  });

  it('takes sortsFirst and sortsLast in sort order (text before numbers)', () => {
    expect(rowsOf('stats sortsFirst(s) as f, sortsLast(s) as l, sortsLast(n) as ln', events)).toEqual([
      { f: 'a', l: 'c', ln: '5' },
    ]);
  });

  it('groups missing by-values together, in the order groups first appear', () => {
    expect(rowsOf('stats count(*) as c by s', values([{ s: 'x' }, {}, { s: 'y' }, { s: 'x' }, {}]))).toEqual([
      { s: 'x', c: '2' },
      { c: '2' },
      { s: 'y', c: '1' },
    ]);
  });

  it('reads an aggregate again by its text after stats', () => {
    expect(
      rowsOf(
        'stats count(*) by s | sort COUNT(*) desc | limit 1',
        values([{ s: 'x' }, { s: 'y' }, { s: 'y' }]),
      ),
    ).toEqual([{ s: 'y', 'count(*)': '2' }]);
  });
});
