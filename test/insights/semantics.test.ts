import { fieldsRead, parseQuery, runQuery, startQuery } from '../../tools/insights';
import { at, jsonEvent, rowsOf, textEvent } from './helpers';

const values = (records: Record<string, unknown>[]) => records.map((record, i) => jsonEvent(at(i), record));

describe('comparisons and missing fields', () => {
  const events = values([{ x: 5 }, { x: '5' }, { x: 'five' }, {}, { x: '007' }]);
  const matching = (filter: string) =>
    rowsOf(`filter ${filter} | fields x | sort @timestamp asc`, events).map((row) => row.x ?? '-');

  it('compares a number with a numeric string as numbers, and two strings as strings', () => {
    expect(matching('x = 5')).toEqual(['5', '5']);
    expect(matching('x = "5"')).toEqual(['5', '5']);
    expect(matching('x = "7"')).toEqual([]);
    expect(matching('x = 7')).toEqual(['007']);
    expect(matching('x > 4')).toEqual(['5', '5', '007']);
    expect(matching('x < "f"')).toEqual(['5', '007']);
  });

  it('makes every comparison with a missing field false, = and != alike; not negates the result', () => {
    expect(matching('x != 5')).toEqual(['five', '007']);
    expect(matching('not (x = 5)')).toEqual(['five', '-', '007']);
    expect(matching('y != 1 or y = 1')).toEqual([]);
    expect(matching('x not like "f"')).toEqual(['5', '5', '007']);
    expect(matching('x not in [5]')).toEqual(['five', '007']);
  });

  it('makes arithmetic on a missing or non-numeric value missing, so the row leaves the column out', () => {
    expect(rowsOf('fields x * 2 as double, x / 0 as nope | sort @timestamp asc', events)).toEqual([
      { double: '10' },
      { double: '10' },
      {},
      {},
      { double: '14' },
    ]);
  });

  it('matches like "text" as a substring and like /regex/ anywhere, on numbers too', () => {
    expect(matching('x like "0"')).toEqual(['007']);
    expect(matching('x like /^\\d$/')).toEqual(['5', '5']);
    expect(matching('x =~ /(?i)FIVE/')).toEqual(['five']);
  });
});

describe('time buckets', () => {
  const at2026 = (iso: string) => textEvent(Date.parse(iso), iso);

  it('floors bin() to UTC calendar periods: days, ISO weeks (Monday), months, quarters, years', () => {
    const event = at2026('2026-05-14T15:16:17.189Z');
    expect(
      rowsOf(
        'fields bin(1d) as d, bin(1w) as w, bin(1mo) as mo, bin(1q) as q, bin(1y) as y, bin(2h) as h2, bin(100ms) as ms',
        [event],
      ),
    ).toEqual([
      {
        d: '2026-05-14 00:00:00.000',
        w: '2026-05-11 00:00:00.000',
        mo: '2026-05-01 00:00:00.000',
        q: '2026-04-01 00:00:00.000',
        y: '2026-01-01 00:00:00.000',
        h2: '2026-05-14 14:00:00.000',
        ms: '2026-05-14 15:16:17.100',
      },
    ]);
    expect(rowsOf('fields datefloor(@timestamp, 1mo) as f, dateceil(@timestamp, 1mo) as c', [event])).toEqual(
      [{ f: '2026-05-01 00:00:00.000', c: '2026-06-01 00:00:00.000' }],
    );
  });

  it('accepts the documented unit spellings and plurals', () => {
    for (const period of [
      '30s',
      '30sec',
      '30secs',
      '30second',
      '30seconds',
      '5m',
      '5min',
      '5mins',
      '5minute',
      '1h',
      '1hr',
      '1hrs',
      '1hour',
      '2d',
      '2days',
      '1w',
      '1week',
      '1mo',
      '1mon',
      '1month',
      '1q',
      '1qtr',
      '1y',
      '1yr',
      '1year',
      '10ms',
      '10msec',
    ]) {
      expect(() => parseQuery(`stats count(*) by bin(${period})`)).not.toThrow();
    }
  });
});

describe('results', () => {
  it('shows the last display only; without one, every fields column in order of first mention', () => {
    const events = values([{ a: 1, b: 2, c: 3 }]);
    expect(runQuery('fields a, b | fields c, a | display b', events).fields).toEqual(['b']);
    expect(runQuery('fields a, b | fields c, a', events).fields).toEqual(['a', 'b', 'c']);
    expect(runQuery('stats count(*) as n by a | fields n * 2 as twice', events).fields).toEqual([
      'a',
      'n',
      'twice',
    ]);
    expect(runQuery('filter a = 1', events).fields).toEqual(['@timestamp', '@message']);
  });

  it('gives rows as GetQueryResults does: string values, no cell for a missing field', () => {
    const results = runQuery('fields a, nope, b / 4 as q', values([{ a: true, b: 2 }]));
    expect(results.rows).toEqual([
      [
        { field: 'a', value: '1' },
        { field: 'q', value: '0.5' },
      ],
    ]);
    expect(results.status).toBe('Complete');
  });

  it('gives the top k of many events for sort | limit k, and refuses events after finish', () => {
    const run = startQuery('fields n | sort n desc | limit 3');
    for (let i = 0; i < 20_000; i++) run.push(jsonEvent(at(0, 0, i), { n: (i * 7919) % 20_000 }));
    expect(run.snapshot().status).toBe('Running');
    expect(run.finish().rows.map((row) => row[0].value)).toEqual(['19999', '19998', '19997']);
    expect(() => run.push(textEvent(at(1), 'late'))).toThrow('the query has finished');
  });

  it('runs filters placed after sort before keeping the rows (sort x | filter y | limit k)', () => {
    const events = values(Array.from({ length: 50 }, (_, i) => ({ n: i, keep: i % 10 === 0 })));
    expect(rowsOf('fields n | sort n desc | filter keep = 1 | limit 3', events)).toEqual([
      { n: '40' },
      { n: '30' },
      { n: '20' },
    ]);
  });

  it('treats unmask as a no-op, as a command and as a function', () => {
    const events = [textEvent(at(1), 'user **** logged in')];
    expect(rowsOf('fields unmask(@message) as m | unmask', events)).toEqual([{ m: 'user **** logged in' }]);
  });
});

describe('fieldsRead', () => {
  it('lists the fields a query reads from events, not the ones it defines, nothing after stats', () => {
    const query = parseQuery(
      'fields a, b * 2 as c | filter c > 1 and d = 2 | parse e "x*" as f | parse logfmt as lf | filter f = 1 and lf.level = "x" and @type = "REPORT" | stats count(*) as n by g | sort n',
    );
    expect(fieldsRead(query.commands)).toEqual(['a', 'b', 'd', 'e', '@message', '@type', 'g']);
  });
});
