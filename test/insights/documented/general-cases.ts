import { at, jsonEvent, stamp, textEvent } from '../helpers';
import type { QueryCase } from './types';

const SAMPLES = 'Sample queries: General queries';
const FIELDS = 'fields: Example: Display specific fields';
const FILTER = 'filter: Example: Filter log events using one condition / more than one condition';
const SORT = 'sort: natural sort order example';
const DEDUP = 'dedup: Example / Sample queries: General queries';
const DISPLAY = 'display: Example: Display one field';

// Thirty plain events, one a minute; every fifth one mentions an Exception.
const plain = Array.from({ length: 30 }, (_, i) =>
  textEvent(at(i), i % 5 === 0 ? `request ${i} failed: java.lang.IllegalStateException` : `request ${i} ok`),
);

const servers = [
  jsonEvent(at(1), { server: 'a', severity: 'INFO', message: 'a first' }),
  jsonEvent(at(2), { server: 'b', severity: 'ERROR', message: 'b first' }),
  jsonEvent(at(3), { server: 'a', severity: 'ERROR', message: 'a second' }),
  jsonEvent(at(4), { server: 'a', severity: 'INFO', message: 'a third' }),
  jsonEvent(at(5), { severity: 'INFO', message: 'no server' }),
];

// The documented ascending order, shuffled on the way in.
const NATURAL = [
  '!:',
  '#',
  '*%04',
  '0#',
  '5A',
  '111A',
  '2345_',
  '@',
  '@_',
  'A',
  'A9876fghj',
  'a12345hfh',
  '0',
  '01',
  '1',
  '2',
  '3',
];
const shuffled = [...NATURAL].reverse().map((v, i) => jsonEvent(at(i), { v }));

export const GENERAL_CASES: readonly QueryCase[] = [
  {
    source: SAMPLES,
    query: 'fields @timestamp, @message | sort @timestamp desc | limit 25',
    events: plain,
    rows: plain
      .slice(5)
      .reverse()
      .map((event, i) => ({ '@timestamp': stamp(29 - i), '@message': event.message })),
  },
  {
    source: SAMPLES,
    query:
      'filter @message like /Exception/ \n    | stats count(*) as exceptionCount by bin(1h)\n    | sort exceptionCount desc',
    events: [...plain, textEvent(at(61), 'NullPointerException'), textEvent(at(62), 'TimeoutException')],
    rows: [
      { 'bin(1h)': stamp(0), exceptionCount: '6' },
      { 'bin(1h)': stamp(60), exceptionCount: '2' },
    ],
  },
  {
    source: SAMPLES,
    query: 'fields @message | filter @message not like /Exception/',
    events: plain.slice(0, 4),
    rows: [{ '@message': 'request 3 ok' }, { '@message': 'request 2 ok' }, { '@message': 'request 1 ok' }],
    note: 'no sort: newest first, the default order',
  },
  {
    source: FIELDS,
    query: 'fields @timestamp, @message\n| sort @timestamp desc\n| limit 20',
    events: plain.slice(0, 3),
    rows: [2, 1, 0].map((i) => ({ '@timestamp': stamp(i), '@message': plain[i].message })),
  },
  {
    source: FILTER,
    query: 'fields @timestamp, @message\n| filter (range>3000)\n| sort @timestamp desc\n| limit 20',
    events: [
      jsonEvent(at(1), { range: 2999 }),
      jsonEvent(at(2), { range: 3001 }),
      jsonEvent(at(3), { range: '4000' }),
      jsonEvent(at(4), {}),
    ],
    rows: [
      { '@timestamp': stamp(3), '@message': '{"range":"4000"}' },
      { '@timestamp': stamp(2), '@message': '{"range":3001}' },
    ],
  },
  {
    source: FILTER,
    query:
      'fields @timestamp, @message\n| filter (range>3000 and accountId=123456789012)\n| sort @timestamp desc\n| limit 20',
    events: [
      jsonEvent(at(1), { range: 3500, accountId: '123456789012' }),
      jsonEvent(at(2), { range: 3500, accountId: '210987654321' }),
      jsonEvent(at(3), { range: 100, accountId: '123456789012' }),
    ],
    rows: [{ '@timestamp': stamp(1), '@message': '{"range":3500,"accountId":"123456789012"}' }],
    note: 'a numeric literal matches the JSON string "123456789012"',
  },
  {
    source: 'filter: set membership with in',
    query: 'fields @timestamp, @message\n| filter logGroup in ["example_group"]',
    events: [
      jsonEvent(at(1), { logGroup: 'example_group' }),
      jsonEvent(at(2), { logGroup: 'example_group_2' }),
    ],
    rows: [{ '@timestamp': stamp(1), '@message': '{"logGroup":"example_group"}' }],
  },
  {
    source: SORT,
    query: 'fields v | sort v asc',
    events: shuffled,
    rows: NATURAL.map((v) => ({ v })),
  },
  {
    source: SORT,
    query: 'fields v | sort v desc',
    events: shuffled,
    rows: [...NATURAL].reverse().map((v) => ({ v })),
    note: '"If you sort in descending order, the sort results are the reverse."',
  },
  {
    source: DEDUP,
    query: 'fields @timestamp, server, severity, message\n| sort @timestamp desc\n| dedup server',
    events: servers,
    rows: [
      { '@timestamp': stamp(5), severity: 'INFO', message: 'no server' },
      { '@timestamp': stamp(4), server: 'a', severity: 'INFO', message: 'a third' },
      { '@timestamp': stamp(2), server: 'b', severity: 'ERROR', message: 'b first' },
    ],
    note: 'null values are not duplicates: the event without a server stays',
  },
  {
    source: DEDUP,
    query: 'fields @timestamp, server, severity, message \n| sort @timestamp desc \n| dedup server, severity',
    events: servers,
    rows: [
      { '@timestamp': stamp(5), severity: 'INFO', message: 'no server' },
      { '@timestamp': stamp(4), server: 'a', severity: 'INFO', message: 'a third' },
      { '@timestamp': stamp(3), server: 'a', severity: 'ERROR', message: 'a second' },
      { '@timestamp': stamp(2), server: 'b', severity: 'ERROR', message: 'b first' },
    ],
  },
  {
    source: DEDUP,
    query: 'fields @timestamp, server, severity, message \n| sort @timestamp asc \n| dedup server',
    events: servers,
    rows: [
      { '@timestamp': stamp(1), server: 'a', severity: 'INFO', message: 'a first' },
      { '@timestamp': stamp(2), server: 'b', severity: 'ERROR', message: 'b first' },
      { '@timestamp': stamp(5), severity: 'INFO', message: 'no server' },
    ],
  },
  {
    source: DISPLAY,
    query:
      'fields @message\n| parse @message "[*] *" as loggingType, loggingMessage\n| filter loggingType = "ERROR"\n| display loggingMessage',
    events: [
      textEvent(at(1), '[INFO] started'),
      textEvent(at(2), '[ERROR] disk full'),
      textEvent(at(3), 'no brackets'),
    ],
    rows: [{ loggingMessage: 'disk full' }],
    fields: ['loggingMessage'],
  },
];
