import { at, stamp, textEvent } from '../helpers';
import type { QueryCase } from './types';

const GLOB = 'parse: Glob mode';
const REGEX = 'parse: Regex mode';
const LOGFMT = 'parse: Logfmt mode';
const CSV = 'parse: CSV mode';
const SAMPLES = 'Sample queries: Examples of the parse command';

const latencies = [
  textEvent(at(1), '2026-01-01 user=alice, method:GET, latency := 10'),
  textEvent(at(2), '2026-01-01 user=alice, method:GET, latency := 30'),
  textEvent(at(3), '2026-01-01 user=bob, method:POST, latency := 7'),
  textEvent(at(4), 'unrelated line'),
];

const levels = [
  textEvent(at(1), '2026-01-01T00:01:00Z [INFO] service started'),
  textEvent(at(2), '2026-01-01T00:02:00Z [ERROR] disk full'),
  textEvent(at(3), '2026-01-01T00:03:00Z [DEBUG] cache warm'),
];

const logfmt = [
  textEvent(at(1), 'level=info msg="request done" duration=12ms host=web-1'),
  textEvent(at(2), 'level=error msg="upstream \\"db\\" timed out" duration=5002ms host=web-2'),
  textEvent(at(3), 'level=error msg=retrying host=web-1 cached'),
];

export const PARSE_CASES: readonly QueryCase[] = [
  {
    source: GLOB,
    query:
      'parse @message "user=*, method:*, latency := *" as @user,\n    @method, @latency | stats avg(@latency) by @method, @user',
    events: latencies,
    rows: [
      { '@method': 'GET', '@user': 'alice', 'avg(@latency)': '20' },
      { '@method': 'POST', '@user': 'bob', 'avg(@latency)': '7' },
      {},
    ],
    note: 'the line that does not match stays, without the fields: it forms the empty group',
  },
  {
    source: GLOB,
    query: 'parse @logStream "*/*/*/*" as env, service, instance, shard\n| stats count(*) by env, service',
    events: [
      textEvent(at(1), 'a', { logStream: 'prod/api/i-1/0' }),
      textEvent(at(2), 'b', { logStream: 'prod/api/i-2/1' }),
      textEvent(at(3), 'c', { logStream: 'dev/api/i-3/0' }),
    ],
    rows: [
      { env: 'prod', service: 'api', 'count(*)': '2' },
      { env: 'dev', service: 'api', 'count(*)': '1' },
    ],
  },
  {
    source: `${GLOB}: Chained parse`,
    query:
      'parse @message "url=*" as url\n| parse url "/api/*/users/*" as apiVersion, userId\n| display apiVersion, userId',
    events: [textEvent(at(1), 'GET url=/api/v2/users/42'), textEvent(at(2), 'GET url=/health')],
    rows: [{}, { apiVersion: 'v2', userId: '42' }],
  },
  {
    source: REGEX,
    query:
      'parse @message /user=(?<user2>.*?), method:(?<method2>.*?), latency := (?<latency2>.*?)$/ | stats avg(latency2) by method2, user2',
    events: latencies,
    rows: [
      { method2: 'GET', user2: 'alice', 'avg(latency2)': '20' },
      { method2: 'POST', user2: 'bob', 'avg(latency2)': '7' },
      {},
    ],
    note: 'as printed, the page splits the regex over two lines, ends it with a lazy group (always empty) and groups by @method2, @user2, which the regex never defines: this is the query it means',
  },
  {
    source: REGEX,
    query: 'parse @message /(?<NetworkInterface>eni-.*?) /\n| display NetworkInterface, @message',
    events: [textEvent(at(1), '2 123456789012 eni-0a1b2c3d 10.0.0.1 10.0.0.2 ACCEPT OK')],
    rows: [
      {
        NetworkInterface: 'eni-0a1b2c3d',
        '@message': '2 123456789012 eni-0a1b2c3d 10.0.0.1 10.0.0.2 ACCEPT OK',
      },
    ],
  },
  {
    source: `${REGEX}: Multi-match mode`,
    query: 'parse @message /(\\d+\\.\\d+\\.\\d+\\.\\d+)/ as ip_addr multi\n| stats count(*) by ip_addr',
    events: [
      textEvent(at(1), 'from 10.0.0.1 to 10.0.0.2'),
      textEvent(at(2), 'from 10.0.0.1 to 192.0.2.9'),
      textEvent(at(3), 'no address'),
    ],
    rows: [
      { ip_addr: '10.0.0.1', 'count(*)': '2' },
      { ip_addr: '10.0.0.2', 'count(*)': '1' },
      { ip_addr: '192.0.2.9', 'count(*)': '1' },
      { 'count(*)': '1' },
    ],
  },
  {
    source: LOGFMT,
    query: 'parse @message logfmt as lf\n| filter lf.level = "error"\n| display lf.msg, lf.duration',
    events: logfmt,
    rows: [{ 'lf.msg': 'retrying' }, { 'lf.msg': 'upstream "db" timed out', 'lf.duration': '5002ms' }],
  },
  {
    source: LOGFMT,
    query: 'parse @message logfmt as lf\n| stats count(*) by lf.host',
    events: logfmt,
    rows: [
      { 'lf.host': 'web-1', 'count(*)': '2' },
      { 'lf.host': 'web-2', 'count(*)': '1' },
    ],
  },
  {
    source: CSV,
    query:
      'parse @message csv as timestamp, level, message\n| filter level = "ERROR"\n| display timestamp, message',
    events: [
      textEvent(at(1), '2026-01-01T00:01:00Z,INFO,started'),
      textEvent(at(2), '2026-01-01T00:02:00Z,ERROR,"disk full, 0 bytes left"'),
    ],
    rows: [{ timestamp: '2026-01-01T00:02:00Z', message: 'disk full, 0 bytes left' }],
  },
  {
    source: CSV,
    query: 'parse @message csv as host, method, path, status, duration\n| stats avg(duration) by method',
    events: [
      textEvent(at(1), 'web-1,GET,/a,200,10'),
      textEvent(at(2), 'web-2,GET,/b,200,20'),
      textEvent(at(3), 'web-1,POST,/c,201,5'),
    ],
    rows: [
      { method: 'GET', 'avg(duration)': '15' },
      { method: 'POST', 'avg(duration)': '5' },
    ],
  },
  {
    source: SAMPLES,
    query:
      'FIELDS @message\n    | PARSE @message "* [*] *" as loggingTime, loggingType, loggingMessage\n    | FILTER loggingType IN ["ERROR", "INFO"]\n    | DISPLAY loggingMessage, loggingType = "ERROR" as isError',
    events: levels,
    rows: [
      { loggingMessage: 'disk full', isError: '1' },
      { loggingMessage: 'service started', isError: '0' },
    ],
    note: 'commands and keywords in capitals; a comparison reads 1 or 0',
  },
  {
    source: 'Sample queries: parse, then filter on a number',
    query:
      'parse @message "Status Code: *;" as statusCode\n| filter statusCode >= 400 and statusCode <= 499\n| fields @timestamp, statusCode',
    events: [
      textEvent(at(1), 'Status Code: 404; not found'),
      textEvent(at(2), 'Status Code: 500; boom'),
      textEvent(at(3), 'Status Code: 200; ok'),
    ],
    rows: [{ '@timestamp': stamp(1), statusCode: '404' }],
    note: 'an extracted field is text; compared with a number it compares as one',
  },
];
