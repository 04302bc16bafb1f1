import { checkQuery, MAX_QUERY_LENGTH, parseQuery, QueryError } from '../../tools/insights';

/** Parses and returns the error (failing the test when there is none). */
const errorOf = (query: string): QueryError => {
  const result = checkQuery(query);
  if (result.ok) throw new Error(`expected ${JSON.stringify(query)} to be refused`);
  return result.error;
};

// [query, problem, line, column]: where StartQuery would answer MalformedQueryException.
const MALFORMED: readonly [string, RegExp, number, number][] = [
  ['', /the query is empty/, 1, 1],
  ['   # only a comment', /the query is empty/, 1, 1],
  ['fields', /unexpected end of query, expected a value/, 1, 7],
  ['fields a |', /expected a command after '\|'/, 1, 11],
  ['fields a b', /unexpected 'b': commands are separated by \|/, 1, 10],
  ['fields a\n| filter b =\n| limit 5', /unexpected '\|', expected a value/, 3, 1],
  ['filter a = "x', /unterminated string/, 1, 12],
  ['fields `a-b', /unterminated backquoted field name/, 1, 8],
  ['filter a ! b', /unexpected character '!'/, 1, 10],
  ['filter a not b', /expected 'like' or 'in' after 'not'/, 1, 14],
  ['filter a like /x', /unterminated regular expression/, 1, 15],
  ['filter a like /x/i', /flags are not supported: use \(\?i\)/, 1, 18],
  ['filter a like /(?<x/', /invalid regular expression/, 1, 8],
  ['filter a like b', /like and =~ take a "string" or a \/regular expression\//, 1, 15],
  ['filter x in [a]', /in \[\.\.\.\] takes literal values only/, 1, 14],
  ['fields x / /y/', /a \/regular expression\/ is only valid after like or =~/, 1, 12],
  ['stats count(*) by', /unexpected end of query/, 1, 18],
  [
    'stats sum(x) + y',
    /'y' needs an aggregation function|field 'y' must be inside an aggregation function/,
    1,
    16,
  ],
  ['stats x', /'x' needs an aggregation function/, 1, 7],
  ['stats sum(count(*))', /cannot be nested/, 1, 7],
  ['stats count(*) by sum(x)', /by takes fields and functions, not aggregation functions/, 1, 19],
  ['fields count(*)', /count\(\) is an aggregation function: use it in stats/, 1, 8],
  ['filter avg(x) > 1', /avg\(\) is an aggregation function/, 1, 8],
  ['fields nosuch(x)', /unknown function nosuch\(\)/, 1, 8],
  ['fields strln(x)', /did you mean strlen\(\)\?/, 1, 8],
  ['stats percentile(x, 95)', /use pct\(field, 95\)/, 1, 7],
  ['fields round(x)', /round\(\) is not supported locally/, 1, 8],
  ['fields abs(x, y)', /abs\(\) takes 1 argument\(s\), got 2/, 1, 8],
  ['fields substr(x)', /substr\(\) takes 2 to 3 argument\(s\), got 1/, 1, 8],
  ['stats pct(x, 101)', /between 0 and 100/, 1, 14],
  ['stats pct(x, y)', /between 0 and 100/, 1, 14],
  ['stats count(*) by bin(5)', /bin\(\) needs a time period such as 5m/, 1, 23],
  ['stats count(*) by bin(5parsecs)', /unknown time unit 'parsecs' in '5parsecs'/, 1, 23],
  ['stats count(*) by bin(1.5h)', /a time period needs a positive whole number/, 1, 23],
  ['fields 5m', /a time period such as 5m is only valid in bin\(\), datefloor\(\) and dateceil\(\)/, 1, 8],
  ['stats sum(*)', /\* is only valid in count\(\*\)/, 1, 11],
  ['filter isIpv4InSubnet(ip, "300.0.0.0/8")', /not a subnet in CIDR notation/, 1, 27],
  ['parse @message "a * b *" as x', /the pattern has 2 \* but 1 name\(s\) follow 'as'/, 1, 16],
  ['parse @message "a *"', /needs 'as' and one name per \*/, 1, 21],
  ['parse @message /abc/', /needs named groups \(\?<name>\.\.\.\) or as/, 1, 16],
  ['parse @message logfmt', /parse logfmt needs 'as'/, 1, 22],
  ['parse @message 42', /parse takes a "glob \* pattern", a \/regex\/, logfmt or csv/, 1, 16],
  ['limit 0', /limit must be between 1 and 10000/, 1, 1],
  ['limit 10001', /limit must be between 1 and 10000/, 1, 1],
  ['limit 2.5', /limit takes a whole number/, 1, 7],
  ['limit x', /limit takes a whole number/, 1, 7],
  ['frobnicate x', /unknown command 'frobnicate'/, 1, 1],
  ['42', /expected a command/, 1, 1],
  [
    'fields x | stats count(*) by x | fields @message',
    /field '@message' does not exist after stats: use one of x, count\(\*\)/,
    1,
    41,
  ],
  ['stats count(*) as n by x | sort m', /field 'm' does not exist after stats/, 1, 33],
  ['stats count(*) as n by x | parse "a *" as y', /field '@message' does not exist after stats/, 1, 34],
  ['stats count(*) as n | stats earliest(n)', /earliest\(\) reads @timestamp/, 1, 29],
];

// Commands only the service runs: refused by name, at the command.
const SERVICE_ONLY: readonly string[] = [
  'pattern @message',
  'anomaly',
  'diff',
  'filterIndex requestId = "x"',
  'SOURCE logGroups(namePrefix: ["/aws/lambda"])',
  'lookup table ip',
  'unnest items',
  'fields x | head 10',
];

describe('malformed queries', () => {
  it.each(MALFORMED)('refuses %j with its position', (query, problem, line, column) => {
    const error = errorOf(query);
    expect(error).toBeInstanceOf(QueryError);
    expect(error.problem).toMatch(problem);
    expect({ line: error.location.line, column: error.location.column }).toEqual({ line, column });
    // The offset agrees with line and column.
    const lines = query.split('\n');
    const offset = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0) + column - 1;
    expect(error.location.startCharOffset).toBe(offset);
    expect(error.message).toBe(`${error.problem} (line ${line}, column ${column})`);
  });

  it.each(SERVICE_ONLY)('says %j runs only in the service', (query) => {
    const error = errorOf(query);
    expect(error.problem).toMatch(/is not supported locally: only the CloudWatch Logs service runs it/);
    expect(query.slice(error.location.startCharOffset).toLowerCase()).toMatch(
      /^(pattern|anomaly|diff|filterindex|source|lookup|unnest|head)/,
    );
  });

  it('answers in the shape of the service’s QueryCompileError', () => {
    const error = errorOf('fields x | stats nosuch(x)');
    expect(error.queryCompileError).toEqual({
      location: { startCharOffset: 17, endCharOffset: 26 },
      message: 'unknown function nosuch()',
    });
  });

  it('refuses a query longer than StartQuery accepts', () => {
    const long = `fields ${'a'.repeat(MAX_QUERY_LENGTH)}`;
    expect(errorOf(long).problem).toMatch(/longer than 10000 characters/);
    expect(checkQuery(`fields ${'a'.repeat(MAX_QUERY_LENGTH - 7)}`).ok).toBe(true);
  });

  it('checkQuery answers ok with the parsed query, and parseQuery throws what checkQuery reports', () => {
    const ok = checkQuery('FIELDS @timestamp | Filter x = 1 | SORT @timestamp Desc | LIMIT 5');
    expect(ok.ok && ok.query.commands.map((command) => command.kind)).toEqual([
      'fields',
      'filter',
      'sort',
      'limit',
    ]);
    expect(() => parseQuery('fields count(*)')).toThrow(errorOf('fields count(*)').message);
  });

  it('accepts the keywords and function names in any case, as the service does', () => {
    for (const query of [
      'STATS COUNT(*) AS n BY BIN(5m) | SORT n DESC',
      'filter a LIKE /x/ AND NOT b IN ["y"] OR ISPRESENT(c)',
      'where x = 1',
      'fields @timestamp | sort by @timestamp desc',
    ]) {
      expect(checkQuery(query).ok).toBe(true);
    }
  });
});
