import type { ExtractionCase, MatchCase } from './types';

// FilterAndPatternSyntax: "Using Metric Filters to Extract Values from Space-Delimited Log Events".
const SECTION = 'FilterAndPatternSyntax: Extract Values from Space-Delimited Log Events';
const APACHE = [
  '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534',
  '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 500 5324',
  '127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /apache_pb.gif HTTP/1.0" 200 4355',
];
const INDEX = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534';
const NAMES = '[ip, user, username, timestamp, request, status_code, bytes]';
// Creating metric filters: "Count HTTP 404 codes", "Count HTTP 4xx codes", "Extract fields from an Apache log".
const COUNT_404 = 'Creating metric filters: Example: Count HTTP 404 codes';
const COUNT_4XX = 'Creating metric filters: Example: Count HTTP 4xx codes';
const BOB = [
  '127.0.0.1 - bob [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 404 2326',
  '127.0.0.1 - bob [10/Oct/2000:13:55:36 -0700] "GET /apache_pb2.gif HTTP/1.0" 200 2326',
];
const ACCESS_LOG = [
  '127.0.0.1 - - [24/Sep/2013:11:49:52 -0700] "GET /index.html HTTP/1.1" 404 287',
  '127.0.0.1 - - [24/Sep/2013:11:49:52 -0700] "GET /index.html HTTP/1.1" 404 287',
  '127.0.0.1 - - [24/Sep/2013:11:50:51 -0700] "GET /~test/ HTTP/1.1" 200 3',
  '127.0.0.1 - - [24/Sep/2013:11:50:51 -0700] "GET /favicon.ico HTTP/1.1" 404 308',
  '127.0.0.1 - - [24/Sep/2013:11:50:51 -0700] "GET /favicon.ico HTTP/1.1" 404 308',
  '127.0.0.1 - - [24/Sep/2013:11:51:34 -0700] "GET /~test/index.html HTTP/1.1" 200 3',
];
// FilterAndPatternSyntax (older revisions): "OR Pattern Matching", space-delimited filters.
const OR_SECTION = 'FilterAndPatternSyntax (2019-2022): OR Pattern Matching, space-delimited filters';
const OR_EVENTS = ['ERROR WARN message', 'ERROR message', 'WARN message'];

export const SPACE_DELIMITED_CASES: readonly MatchCase[] = [
  { source: SECTION, pattern: NAMES, events: APACHE, matching: [0, 1, 2] },
  { source: SECTION, pattern: '[..., status_code, bytes]', events: APACHE, matching: [0, 1, 2] },
  { source: SECTION, pattern: '[ip, user, ..., status_code, bytes]', events: APACHE, matching: [0, 1, 2] },
  { source: SECTION, pattern: '[ip, user, ...]', events: APACHE, matching: [0, 1, 2] },
  {
    source: SECTION,
    pattern: '[ip, user, username, timestamp, request, status_code, bytes > 1000]',
    events: APACHE,
    matching: [0, 1, 2],
  },
  {
    source: SECTION,
    pattern: '[ip, user, username, timestamp, request, status_code, bytes > 5000]',
    events: APACHE,
    matching: [1],
  },
  {
    source: SECTION,
    pattern: '[ip, user, username, timestamp, request, status_code = 200, bytes]',
    events: APACHE,
    matching: [0, 2],
  },
  {
    source: SECTION,
    pattern: '[ip, user, username, timestamp, request, status_code = 4*, bytes]',
    events: [...APACHE, INDEX],
    matching: [3],
  },
  {
    source: SECTION,
    pattern: '[ip, user, username, timestamp, request = *html*, status_code = 4*, bytes]',
    events: [...APACHE, INDEX],
    matching: [3],
  },
  {
    source: SECTION,
    pattern: '[ip, user, username, timestamp, request, status_code = 4* && status_code != 403, bytes]',
    events: [...APACHE, INDEX, INDEX.replace(' 404 ', ' 403 ')],
    matching: [3],
  },
  {
    source: SECTION,
    pattern: '[ip, user, username, timestamp, request, status_code = 403 || status_code = 404, bytes]',
    events: [...APACHE, INDEX, INDEX.replace(' 404 ', ' 403 ')],
    matching: [3, 4],
  },
  {
    source: SECTION,
    pattern: '[..., request=*.html*, status_code=4*,]',
    events: [...APACHE, INDEX],
    matching: [3],
  },
  {
    source: COUNT_404,
    pattern: '[IP, UserInfo, User, Timestamp, RequestInfo, StatusCode=404, Bytes]',
    events: BOB,
    matching: [0],
  },
  {
    source: COUNT_404,
    pattern: '[ip, id, user, timestamp, request, status_code=404, size]',
    events: BOB,
    matching: [0],
  },
  {
    source: COUNT_4XX,
    pattern: '[ip, id, user, timestamp, request, status_code=4*, size]',
    events: ACCESS_LOG,
    matching: [0, 1, 3, 4],
  },
  { source: OR_SECTION, pattern: '[w1=ERROR || w1=WARN, w2]', events: OR_EVENTS.slice(1), matching: [0, 1] },
  { source: OR_SECTION, pattern: '[w1=ERROR, w2]', events: OR_EVENTS.slice(1), matching: [0] },
];

export const SPACE_DELIMITED_EXTRACTIONS: readonly ExtractionCase[] = [
  {
    // The doc prints $request as "GET /products/index.html HTTP/1.0", a path its own event does not contain.
    source: SECTION,
    pattern: '[..., request=*.html*, status_code=4*,]',
    event: INDEX,
    extractedValues: {
      $status_code: '404',
      $request: 'GET /index.html HTTP/1.0',
      $7: '1534',
      $4: '10/Oct/2000:13:25:15 -0700',
      $3: 'frank',
      $2: '-',
      $1: '127.0.0.1',
    },
  },
  {
    source: COUNT_404,
    pattern: '[ip, id, user, timestamp, request, status_code=404, size]',
    event: BOB[0],
    extractedValues: {
      $ip: '127.0.0.1',
      $id: '-',
      $user: 'bob',
      $timestamp: '10/Oct/2000:13:55:36 -0700',
      $request: 'GET /apache_pb.gif HTTP/1.0',
      $status_code: '404',
      $size: '2326',
    },
  },
];

/**
 * Documented syntax whose example events leave the outcome open: `bytes` names no field of this
 * six-entry pattern (the seven-field lines put "404 1534" in status_code), so only acceptance is checked.
 */
export const SPACE_DELIMITED_ACCEPTED: readonly string[] = [
  '[ip, user, username, timestamp, request, status_code = 4* && bytes > 1000]',
];

export { ACCESS_LOG };
