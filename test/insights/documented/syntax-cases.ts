import { at, jsonEvent, stamp, textEvent } from '../helpers';
import type { QueryCase } from './types';

const COMMANDS = 'Query syntax: commands table (fields, filter)';
const REGEX = 'Query syntax: Regular Expressions in the Filter Command';
const ALIASES = 'Query syntax: Using Aliases in Queries';
const FUNCTIONS = 'Boolean, comparison, numeric, datetime, and other functions';

const fs = [
  jsonEvent(at(1), {
    f1: 'java.lang.Exception: boom',
    f2: 'a',
    f3: 30,
    'foo-bar': 'x',
    action: 'ACCEPT',
    f4: 50,
    duration: 2500,
  }),
  jsonEvent(at(2), { f1: 'exception (lower case)', f2: 'b', f3: 10, duration: 10 }),
  jsonEvent(at(3), { f1: 'Exception', f2: 'c', f3: 20, statusCode: 204 }),
  jsonEvent(at(4), { f1: 10, f2: 'd', f3: 1, statusCode: '404' }),
];

const one = [jsonEvent(at(0), { x: 1 })];

/** One row of `fields` expressions over a single event: the documented examples of each function. */
const evaluate = (source: string, expressions: Record<string, string>): QueryCase => ({
  source,
  query: `fields ${Object.keys(expressions).join(', ')}`,
  events: one,
  rows: [expressions],
});

export const SYNTAX_CASES: readonly QueryCase[] = [
  {
    source: COMMANDS,
    query: 'fields `foo-bar`, action, abs(f3-f4)',
    events: fs.slice(0, 1),
    rows: [{ 'foo-bar': 'x', action: 'ACCEPT', 'abs(f3-f4)': '20' }],
    fields: ['foo-bar', 'action', 'abs(f3-f4)'],
  },
  {
    source: COMMANDS,
    query: 'fields f1, f2, f3 | filter (duration>2000)',
    events: fs,
    rows: [{ f1: 'java.lang.Exception: boom', f2: 'a', f3: '30' }],
  },
  {
    source: COMMANDS,
    query: 'filter (duration>2000)',
    events: fs,
    rows: [{ '@timestamp': stamp(1), '@message': fs[0].message }],
    fields: ['@timestamp', '@message'],
    note: '"the results show the @timestamp and all log data in the @message field"',
  },
  {
    source: COMMANDS,
    query: 'fields f1, f2 | filter (f1=10 or f3>25)',
    events: fs,
    rows: [
      { f1: '10', f2: 'd' },
      { f1: 'java.lang.Exception: boom', f2: 'a' },
    ],
  },
  {
    source: COMMANDS,
    query: 'fields f1 | filter statusCode like /2\\d\\d/',
    events: fs,
    rows: [{ f1: 'Exception' }],
  },
  ...[
    'fields f1, f2, f3 | filter f1 like /Exception/',
    'fields f1, f2, f3 | filter f1 =~ /Exception/',
    'fields f1, f2, f3 | filter f1 like "Exception"',
  ].map(
    (query): QueryCase => ({
      source: REGEX,
      query,
      events: fs,
      rows: [
        { f1: 'Exception', f2: 'c', f3: '20' },
        { f1: 'java.lang.Exception: boom', f2: 'a', f3: '30' },
      ],
      note: 'case-sensitive',
    }),
  ),
  {
    source: REGEX,
    query: 'fields f1, f2, f3 | filter f1 like /(?i)Exception/',
    events: fs,
    rows: [
      { f1: 'Exception', f2: 'c', f3: '20' },
      { f1: 'exception (lower case)', f2: 'b', f3: '10' },
      { f1: 'java.lang.Exception: boom', f2: 'a', f3: '30' },
    ],
  },
  {
    source: REGEX,
    query: 'fields f1, f2, f3 | filter f1 =~ /^(?i)Exception$/',
    events: [...fs, jsonEvent(at(5), { f1: 'EXCEPTION', f2: 'e', f3: 0 })],
    rows: [
      { f1: 'EXCEPTION', f2: 'e', f3: '0' },
      { f1: 'Exception', f2: 'c', f3: '20' },
    ],
  },
  {
    source: 'Sample queries: filter f1 like /ServiceLog.*/ and not like',
    query: 'fields f1, f2, f3 \n| filter f1 not like "Exception" ',
    events: fs,
    rows: [
      { f1: '10', f2: 'd', f3: '1' },
      { f1: 'exception (lower case)', f2: 'b', f3: '10' },
    ],
  },
  {
    source: ALIASES,
    query: 'fields abs(myField) as AbsoluteValuemyField, myField2',
    events: [jsonEvent(at(1), { myField: -4.5, myField2: 'y' })],
    rows: [{ AbsoluteValuemyField: '4.5', myField2: 'y' }],
  },
  {
    source: ALIASES,
    query: 'stats avg(f1) as myAvgF1 by f2 | sort myAvgF1 desc',
    events: [
      jsonEvent(at(1), { f1: 1, f2: 'a' }),
      jsonEvent(at(2), { f1: 5, f2: 'b' }),
      jsonEvent(at(3), { f1: 3, f2: 'a' }),
    ],
    rows: [
      { f2: 'b', myAvgF1: '5' },
      { f2: 'a', myAvgF1: '2' },
    ],
  },
  {
    source: 'Use aliases and comments in queries: comments start with #',
    query: '# the slow ones\nfields f1 # only f1\n| filter duration > 100 # ms',
    events: fs,
    rows: [{ f1: 'java.lang.Exception: boom' }],
  },
  evaluate(`${FUNCTIONS}: Arithmetic operators`, {
    '2 ^ 3': '8',
    '10 % 3': '1',
    '7 / 2': '3.5',
    '2 + 3 * 4': '14',
    '-2 ^ 2': '-4',
  }),
  evaluate(`${FUNCTIONS}: String functions (documented examples)`, {
    'ltrim("xyZxyfooxyZ","xyZ")': 'fooxyZ',
    'rtrim("xyZfooxyxyZ","xyZ")': 'xyZfoo',
    'trim("xyZxyfooxyxyZ","xyZ")': 'foo',
    'substr("xyZfooxyZ",3, 3)': 'foo',
    'replace("foo","o","0")': 'f00',
    'strlen("héllo")': '5',
    'toupper("a")': 'A',
    'concat("a", "b", "c")': 'abc',
    'strcontains("Foo", "o")': '1',
    'strcontains("Foo", "F")': '1',
    'isempty("")': '1',
    'isblank("  ")': '1',
  }),
  evaluate(`${FUNCTIONS}: Numeric operators`, {
    'ceil(1.2)': '2',
    'floor(1.8)': '1',
    'greatest(1, 5, 3)': '5',
    'least(4, 2, 8)': '2',
    'sqrt(16)': '4',
    'log(1)': '0',
  }),
  evaluate(`${FUNCTIONS}: IP address string functions`, {
    'isValidIp("192.0.2.1")': '1',
    'isValidIpV4("2001:db8::1")': '0',
    'isValidIpV6("2001:db8::1")': '1',
    'isIpInSubnet("2001:db8::1", "2001:db8::/32")': '1',
    'isIpv4InSubnet("192.0.2.77", "192.0.2.0/24")': '1',
    'isIpv6InSubnet("2001:db9::1", "2001:db8::/32")': '0',
  }),
  {
    source: `${FUNCTIONS}: Datetime functions (toMillis example)`,
    query:
      'fields toMillis(@timestamp) as ms, datefloor(@timestamp, 1h) as hour, dateceil(@timestamp, 1h) as next, fromMillis(1642195111000) as back',
    events: [textEvent(Date.parse('2022-01-14T13:18:31.000-08:00'), 'x')],
    rows: [
      {
        ms: '1642195111000',
        hour: '2022-01-14 21:00:00.000',
        next: '2022-01-14 22:00:00.000',
        back: '2022-01-14 21:18:31.000',
      },
    ],
  },
  {
    source: `${FUNCTIONS}: General functions`,
    query: 'fields ispresent(x) as p, ispresent(y) as q, coalesce(y, x) as c',
    events: one,
    rows: [{ p: '1', q: '0', c: '1' }],
  },
];
