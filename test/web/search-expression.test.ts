import { compileSearch, parseSearchCall } from '../../tools/local/web/search-expression';

const metric = (metricName: string, dimensions: Record<string, string> = {}, namespace = 'App') => ({
  namespace,
  metricName,
  dimensions,
});

describe('SEARCH expressions', () => {
  it('parses the call: search text, statistic and period', () => {
    expect(parseSearchCall(`SEARCH('{App,route} MetricName="Latency"', 'p99', 300)`)).toEqual({
      search: '{App,route} MetricName="Latency"',
      stat: 'p99',
      periodSeconds: 300,
    });
    expect(parseSearchCall('m1 + SEARCH(x)')).toBeUndefined();
  });

  it('matches quoted values exactly and unquoted ones partially, ignoring case', () => {
    const exact = compileSearch('MetricName="Latency"');
    expect(exact(metric('Latency'))).toBe(true);
    expect(exact(metric('RouteLatency'))).toBe(false);
    const partial = compileSearch('MetricName=latency');
    expect(partial(metric('RouteLatency'))).toBe(true);
    expect(compileSearch('route="/login"')(metric('X', { route: '/login' }))).toBe(true);
    expect(compileSearch('route="/login"')(metric('X', { route: '/login/2' }))).toBe(false);
  });

  it('combines terms with spaces (AND), OR, NOT and parentheses', () => {
    const search = compileSearch('{App,outcome} (outcome="success" OR outcome="failure") NOT Deprecated');
    expect(search(metric('Logins', { outcome: 'success' }))).toBe(true);
    expect(search(metric('Logins', { outcome: 'other' }))).toBe(false);
    expect(search(metric('DeprecatedLogins', { outcome: 'failure' }))).toBe(false);
    expect(search(metric('Logins', { outcome: 'failure' }, 'Other'))).toBe(false);
    expect(search(metric('Logins', { outcome: 'failure', extra: 'x' }))).toBe(false);
  });

  it('refuses an unbalanced expression with the reason', () => {
    expect(() => compileSearch('(a OR b')).toThrow(/Missing \)/);
    expect(() => compileSearch('a NOT')).toThrow(/Incomplete/);
  });
});
