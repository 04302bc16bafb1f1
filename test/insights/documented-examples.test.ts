import { parseQuery, QueryError, runQuery } from '../../tools/insights';
import { CLOUDTRAIL_CASES } from './documented/cloudtrail-cases';
import { GENERAL_CASES } from './documented/general-cases';
import { LAMBDA_CASES } from './documented/lambda-cases';
import { NETWORK_LOG_CASES } from './documented/network-log-cases';
import { PARSE_CASES } from './documented/parse-cases';
import { SERVICE_LOG_CASES } from './documented/service-log-cases';
import { STATS_CASES, STATS_REJECTIONS } from './documented/stats-cases';
import { SYNTAX_CASES } from './documented/syntax-cases';
import type { QueryCase } from './documented/types';
import { at, rowsOf, textEvent } from './helpers';

// The documented example queries of the CloudWatch Logs Insights user guide, each with a few events shaped
// like the logs the page is about and the rows the documented semantics give, table-driven.
const ALL: readonly QueryCase[] = [
  ...GENERAL_CASES,
  ...SYNTAX_CASES,
  ...STATS_CASES,
  ...PARSE_CASES,
  ...LAMBDA_CASES,
  ...NETWORK_LOG_CASES,
  ...CLOUDTRAIL_CASES,
  ...SERVICE_LOG_CASES,
];

const label = (cases: readonly QueryCase[]) =>
  cases.map((entry) => [`${entry.query.replace(/\s+/g, ' ')} (${entry.source})`, entry] as const);

describe('documented example queries', () => {
  it.each(label(ALL))('%s', (_name, { query, events, rows, fields }) => {
    const results = runQuery(query, events);
    expect(rowsOf(query, events)).toEqual(rows);
    if (fields) expect(results.fields).toEqual(fields);
  });

  it.each(STATS_REJECTIONS.map((entry) => [entry.query.replace(/\s+/g, ' '), entry] as const))(
    'refuses %s where the docs say it is invalid',
    (_name, { query, at: fragment, problem }) => {
      let error: unknown;
      try {
        parseQuery(query);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(QueryError);
      expect((error as QueryError).problem).toMatch(problem);
      expect((error as QueryError).location.startCharOffset).toBe(query.indexOf(fragment));
    },
  );

  // Datetime functions: "if you specify bin(300s), CloudWatch Logs actually implements this as 60 seconds".
  it('runs bin(300s) as bin(60s) and says so', () => {
    const events = [textEvent(at(0, 10), 'a'), textEvent(at(0, 50), 'b'), textEvent(at(2, 10), 'c')];
    const results = runQuery('stats count(*) as n by bin(300s)', events);
    expect(results.rows.map((row) => row.find((cell) => cell.field === 'n')?.value)).toEqual(['2', '1']);
    expect(results.warnings).toEqual([expect.stringContaining('300s runs as 60s')]);
    expect(runQuery('stats count(*) by bin(5m)', events).warnings).toEqual([]);
  });

  // limit: "If you omit limit, the query will return as many as 10,000 log events in the results."
  it('returns at most 10,000 rows without limit, the newest ones', () => {
    const events = Array.from({ length: 10_050 }, (_, i) => textEvent(at(0, 0, i), `e${i}`));
    const results = runQuery('fields @message', events);
    expect(results.rows).toHaveLength(10_000);
    expect(results.rows[0]).toEqual([{ field: '@message', value: 'e10049' }]);
    expect(results.rows[9_999]).toEqual([{ field: '@message', value: 'e50' }]);
    expect(() => parseQuery('fields @message | limit 10001')).toThrow('limit must be between 1 and 10000');
  });
});
