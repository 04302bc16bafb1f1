import { at, jsonEvent, stamp, textEvent } from '../helpers';
import type { QueryCase } from './types';

const LAMBDA = 'Sample queries: Queries for Lambda logs';
const FIELDS = 'Supported logs and discovered fields: Lambda logs';

const report = (
  requestId: string,
  duration: number,
  billed: number,
  memory: number,
  used: number,
  init?: number,
): string =>
  `REPORT RequestId: ${requestId}\tDuration: ${duration} ms\tBilled Duration: ${billed} ms\tMemory Size: ${memory} MB\tMax Memory Used: ${used} MB\t${init === undefined ? '' : `Init Duration: ${init} ms\t`}`;

const invocations = [
  textEvent(at(0, 1), 'START RequestId: 11111111-1111-1111-1111-111111111111 Version: $LATEST'),
  textEvent(at(0, 2), '2026-01-01T00:00:02.000Z\t11111111-1111-1111-1111-111111111111\tINFO\thello'),
  textEvent(at(0, 3), 'END RequestId: 11111111-1111-1111-1111-111111111111'),
  textEvent(at(0, 3), report('11111111-1111-1111-1111-111111111111', 1200.5, 1201, 128, 70, 150.25)),
  textEvent(at(3), report('22222222-2222-2222-2222-222222222222', 100, 100, 128, 90)),
  textEvent(at(6), report('33333333-3333-3333-3333-333333333333', 2000, 2000, 128, 110)),
  // The same request reported twice (a retry seen by a client-side log shipper).
  textEvent(at(7), report('33333333-3333-3333-3333-333333333333', 2000, 2000, 128, 110)),
];

/** Lambda's JSON log format writes the REPORT line as a platform.report record. */
const jsonReport = jsonEvent(at(8), {
  time: '2026-01-01T00:08:00.000Z',
  type: 'platform.report',
  record: {
    requestId: '44444444-4444-4444-4444-444444444444',
    metrics: {
      durationMs: 3000.5,
      billedDurationMs: 3001,
      memorySizeMB: 256,
      maxMemoryUsedMB: 100,
      initDurationMs: 300,
    },
    status: 'timeout',
  },
});

export const LAMBDA_CASES: readonly QueryCase[] = [
  {
    source: LAMBDA,
    query:
      'filter @type = "REPORT"\n    | stats max(@memorySize / 1000 / 1000) as provisonedMemoryMB,\n        min(@maxMemoryUsed / 1000 / 1000) as smallestMemoryRequestMB,\n        avg(@maxMemoryUsed / 1000 / 1000) as avgMemoryUsedMB,\n        max(@maxMemoryUsed / 1000 / 1000) as maxMemoryUsedMB,\n        provisonedMemoryMB - maxMemoryUsedMB as overProvisionedMB',
    events: invocations,
    rows: [
      {
        provisonedMemoryMB: '128',
        smallestMemoryRequestMB: '70',
        avgMemoryUsedMB: '95',
        maxMemoryUsedMB: '110',
        overProvisionedMB: '18',
      },
    ],
    note: '@memorySize and @maxMemoryUsed are bytes; a later item reads earlier aliases',
  },
  {
    source: LAMBDA,
    query: 'filter @type = "REPORT" |\n    stats avg(@duration), max(@duration), min(@duration) by bin(5m)',
    events: invocations,
    rows: [
      {
        'bin(5m)': stamp(0),
        'avg(@duration)': '650.25',
        'max(@duration)': '1200.5',
        'min(@duration)': '100',
      },
      { 'bin(5m)': stamp(5), 'avg(@duration)': '2000', 'max(@duration)': '2000', 'min(@duration)': '2000' },
    ],
  },
  {
    source: LAMBDA,
    query:
      'fields @timestamp, @requestId, @message, @logStream \n| filter @type = "REPORT" and @duration > 1000\n| sort @timestamp desc\n| dedup @requestId \n| limit 20',
    events: invocations.map((event) => ({ ...event, logStream: '2026/01/01/[$LATEST]abc' })),
    rows: [
      {
        '@timestamp': stamp(7),
        '@requestId': '33333333-3333-3333-3333-333333333333',
        '@message': invocations[6].message,
        '@logStream': '2026/01/01/[$LATEST]abc',
      },
      {
        '@timestamp': stamp(0, 3),
        '@requestId': '11111111-1111-1111-1111-111111111111',
        '@message': invocations[3].message,
        '@logStream': '2026/01/01/[$LATEST]abc',
      },
    ],
  },
  {
    source: FIELDS,
    query:
      'fields @type, @requestId, @duration, @billedDuration, @memorySize, @maxMemoryUsed, @initDuration | sort @timestamp asc',
    events: [...invocations.slice(0, 4), jsonReport],
    rows: [
      { '@type': 'START', '@requestId': '11111111-1111-1111-1111-111111111111' },
      { '@requestId': '11111111-1111-1111-1111-111111111111' },
      { '@type': 'END', '@requestId': '11111111-1111-1111-1111-111111111111' },
      {
        '@type': 'REPORT',
        '@requestId': '11111111-1111-1111-1111-111111111111',
        '@duration': '1200.5',
        '@billedDuration': '1201',
        '@memorySize': '128000000',
        '@maxMemoryUsed': '70000000',
        '@initDuration': '150.25',
      },
      {
        '@type': 'REPORT',
        '@requestId': '44444444-4444-4444-4444-444444444444',
        '@duration': '3000.5',
        '@billedDuration': '3001',
        '@memorySize': '256000000',
        '@maxMemoryUsed': '100000000',
        '@initDuration': '300',
      },
    ],
    note: 'text platform lines and a JSON-format platform.report give the same fields',
  },
  {
    source: 'Sample queries (Lambda): Find the 10 slowest requests',
    query: 'fields @timestamp, @message, @duration \n| sort @duration desc \n| limit 10',
    events: invocations.slice(3, 5),
    rows: [
      { '@timestamp': stamp(0, 3), '@message': invocations[3].message, '@duration': '1200.5' },
      { '@timestamp': stamp(3), '@message': invocations[4].message, '@duration': '100' },
    ],
  },
];
