import { at, jsonEvent, stamp, textEvent } from '../helpers';
import type { QueryCase, RejectedCase } from './types';

const TIME_SERIES = 'stats: Visualize time series data';
const BY_FIELDS = 'stats: Visualize log data grouped by fields';
const MULTI = 'stats: Use multiple stats commands in a single query';

const half = 'x'.repeat(512 * 1024);
const ingest = [textEvent(at(1), half), textEvent(at(2), half), textEvent(at(6), half)];

const metrics = [
  jsonEvent(at(1), { myfield1: 1, myfield2: 10, myfield3: 100 }),
  jsonEvent(at(4), { myfield1: 3, myfield2: 5, myfield3: 50 }),
  jsonEvent(at(7), { myfield1: 10, myfield2: 1, myfield3: 1 }),
];

const flows = [
  jsonEvent(at(1), { srcAddr: '10.0.0.1', dstAddr: '192.0.2.1', bytes: 100, packets: 2 }),
  jsonEvent(at(2), { srcAddr: '10.0.0.2', dstAddr: '192.0.2.1', bytes: 300, packets: 3 }),
  jsonEvent(at(3), { srcAddr: '10.0.0.1', dstAddr: '192.0.2.2', bytes: 50, packets: 1 }),
];

const sessions = [
  { session_id: 's1', client_platform: 'ios', client_ip: '1.1.1.1' },
  { session_id: 's1', client_platform: 'ios', client_ip: '2.2.2.2' },
  { session_id: 's1', client_platform: 'ios', client_ip: '2.2.2.2' },
  { session_id: 's2', client_platform: 'ios', client_ip: '3.3.3.3' },
  { session_id: 's3', client_platform: 'web', client_ip: '4.4.4.4' },
  { session_id: 's3', client_platform: 'web', client_ip: '5.5.5.5' },
  { session_id: 's4', client_platform: 'web', client_ip: '6.6.6.6' },
  { session_id: 's4', client_platform: 'web', client_ip: '7.7.7.7' },
  { session_id: 's4', client_platform: 'web', client_ip: '7.7.7.7' },
  { session_id: 's4', client_platform: 'web', client_ip: '7.7.7.7' },
].map((record, i) => jsonEvent(at(i), record));

export const STATS_CASES: readonly QueryCase[] = [
  {
    source: 'stats (Route 53 example)',
    query: 'stats count(*) by queryType, bin(1h)',
    events: [
      jsonEvent(at(1), { queryType: 'A' }),
      jsonEvent(at(2), { queryType: 'AAAA' }),
      jsonEvent(at(3), { queryType: 'A' }),
      jsonEvent(at(61), { queryType: 'A' }),
    ],
    rows: [
      { queryType: 'A', 'bin(1h)': stamp(0), 'count(*)': '2' },
      { queryType: 'AAAA', 'bin(1h)': stamp(0), 'count(*)': '1' },
      { queryType: 'A', 'bin(1h)': stamp(60), 'count(*)': '1' },
    ],
    fields: ['queryType', 'bin(1h)', 'count(*)'],
  },
  {
    source: TIME_SERIES,
    query: 'stats avg(myfield1) by bin(5m)',
    events: metrics,
    rows: [
      { 'bin(5m)': stamp(0), 'avg(myfield1)': '2' },
      { 'bin(5m)': stamp(5), 'avg(myfield1)': '10' },
    ],
  },
  {
    source: TIME_SERIES,
    query: 'stats avg(myfield1), min(myfield2), max(myfield3) by bin(5m)',
    events: metrics,
    rows: [
      { 'bin(5m)': stamp(0), 'avg(myfield1)': '2', 'min(myfield2)': '5', 'max(myfield3)': '100' },
      { 'bin(5m)': stamp(5), 'avg(myfield1)': '10', 'min(myfield2)': '1', 'max(myfield3)': '1' },
    ],
  },
  {
    source: BY_FIELDS,
    query: 'stats avg(bytes), max(bytes) by dstAddr',
    events: flows,
    rows: [
      { dstAddr: '192.0.2.1', 'avg(bytes)': '200', 'max(bytes)': '300' },
      { dstAddr: '192.0.2.2', 'avg(bytes)': '50', 'max(bytes)': '50' },
    ],
  },
  {
    source: MULTI,
    query:
      'FIELDS strlen(@message) AS message_length\n| STATS sum(message_length)/1024/1024 as logs_mb BY bin(5m)\n| STATS max(logs_mb) AS peak_ingest_mb,\n        min(logs_mb) AS min_ingest_mb,\n        avg(logs_mb) AS avg_ingest_mb',
    events: ingest,
    rows: [{ peak_ingest_mb: '1', min_ingest_mb: '0.5', avg_ingest_mb: '0.75' }],
  },
  {
    source: MULTI,
    query:
      'STATS count_distinct(client_ip) AS session_ips,\n      count(*) AS requests BY session_id, client_platform\n| FILTER session_ips > 1\n| STATS count(*) AS multiple_ip_sessions,\n        sum(requests) / count(*) AS avg_session_requests BY client_platform',
    events: sessions,
    rows: [
      { client_platform: 'ios', multiple_ip_sessions: '1', avg_session_requests: '3' },
      { client_platform: 'web', multiple_ip_sessions: '2', avg_session_requests: '3' },
    ],
  },
  {
    source: MULTI,
    query:
      'FIELDS strlen(@message) AS message_length\n| STATS sum(message_length) / 1024 / 1024 AS logs_mb BY BIN(5m) as @t\n| STATS max(logs_mb) AS peak_ingest_mb,\n        min(logs_mb) AS min_ingest_mb,\n        avg(logs_mb) AS avg_ingest_mb BY dateceil(@t, 10m)',
    events: ingest,
    rows: [
      { 'dateceil(@t, 10m)': stamp(0), peak_ingest_mb: '1', min_ingest_mb: '1', avg_ingest_mb: '1' },
      { 'dateceil(@t, 10m)': stamp(10), peak_ingest_mb: '0.5', min_ingest_mb: '0.5', avg_ingest_mb: '0.5' },
    ],
    note: 'dateceil of a bucket start that is already on a 10-minute boundary is that boundary',
  },
  {
    source: `${MULTI}: Important (carry @timestamp through the first stats)`,
    query:
      'FIELDS strlen(@message) AS message_length\n | STATS sum(message_length) AS ingested_bytes, max(@timestamp) as @t BY @logStream\n | STATS avg(ingested_bytes) BY dateceil(@t, 5m)',
    events: [
      textEvent(at(1), 'abcd', { logStream: 'a' }),
      textEvent(at(2), 'ab', { logStream: 'a' }),
      textEvent(at(3), 'abcdefgh', { logStream: 'b' }),
      textEvent(at(7), 'ab', { logStream: 'c' }),
    ],
    rows: [
      { 'dateceil(@t, 5m)': stamp(5), 'avg(ingested_bytes)': '7' },
      { 'dateceil(@t, 5m)': stamp(10), 'avg(ingested_bytes)': '2' },
    ],
  },
  {
    source: 'Sample queries: Queries for Amazon VPC Flow Logs',
    query: 'filter logStatus="SKIPDATA"\n    | stats count(*) by bin(1h) as t\n    | sort t',
    events: [
      jsonEvent(at(1), { logStatus: 'SKIPDATA' }),
      jsonEvent(at(70), { logStatus: 'SKIPDATA' }),
      jsonEvent(at(71), { logStatus: 'OK' }),
      jsonEvent(at(75), { logStatus: 'SKIPDATA' }),
    ],
    rows: [
      { t: stamp(60), 'count(*)': '2' },
      { t: stamp(0), 'count(*)': '1' },
    ],
    note: 'sort without asc or desc is descending',
  },
];

export const STATS_REJECTIONS: readonly RejectedCase[] = [
  {
    source: `${MULTI}: Notes and limitations`,
    query:
      'FIELDS @message\n| STATS SUM(Fault) by Operation\n| STATS MAX(strlen(@message)) AS MaxMessageSize',
    at: '@message)) AS',
    problem: /'@message' does not exist after stats/,
  },
  {
    source: `${MULTI}: Important`,
    query:
      'FIELDS strlen(@message) AS message_length\n | STATS sum(message_length) AS ingested_bytes BY @logStream\n | STATS avg(ingested_bytes) BY bin(5m)',
    at: 'bin(5m)',
    problem: /bin\(\) reads @timestamp/,
  },
  {
    source: `${MULTI}: "A query can have a maximum of two stats commands"`,
    query: 'stats count(*) as a by x | stats count(*) as b by a | stats count(*) as c by b',
    at: 'stats count(*) as c',
    problem: /at most 2 stats/,
  },
  {
    source: `${MULTI}: "sort or limit must appear after the second stats command"`,
    query: 'stats count(*) as n by x | sort n desc | stats max(n)',
    at: 'sort n desc',
    problem: /sort must come after the second stats/,
  },
  {
    source: 'dedup: "The only query command that you can use in a query after the dedup command is limit"',
    query: 'fields server | dedup server | sort server',
    at: 'sort server',
    problem: /only limit can follow dedup/,
  },
];
