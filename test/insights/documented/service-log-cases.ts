import { at, jsonEvent, stamp } from '../helpers';
import type { QueryCase } from './types';

const APIGW = 'Sample queries: Queries for API Gateway logs';

const access = [
  jsonEvent(at(1), {
    status: 200,
    ip: '192.0.2.1',
    path: '/a',
    httpMethod: 'GET',
    responseLatency: 30,
    integrationLatency: 20,
  }),
  jsonEvent(at(1, 30), {
    status: 404,
    ip: '192.0.2.2',
    path: '/b',
    httpMethod: 'GET',
    responseLatency: 5,
    integrationLatency: 1,
  }),
  jsonEvent(at(2), {
    status: 200,
    ip: '192.0.2.1',
    path: '/a',
    httpMethod: 'POST',
    responseLatency: 90,
    integrationLatency: 80,
  }),
  jsonEvent(at(3), {
    status: 500,
    ip: '192.0.2.3',
    path: '/c',
    httpMethod: 'GET',
    responseLatency: 10,
    integrationLatency: 9,
  }),
];

export const SERVICE_LOG_CASES: readonly QueryCase[] = [
  {
    source: APIGW,
    query:
      'fields @timestamp, status, ip, path, httpMethod\n| filter status>=400 and status<=499\n| sort @timestamp desc\n| limit 10',
    events: access,
    rows: [{ '@timestamp': stamp(1, 30), status: '404', ip: '192.0.2.2', path: '/b', httpMethod: 'GET' }],
  },
  {
    source: APIGW,
    query:
      'fields @timestamp, status, ip, path, httpMethod, responseLatency\n| sort responseLatency desc\n| limit 2',
    events: access,
    rows: [
      {
        '@timestamp': stamp(2),
        status: '200',
        ip: '192.0.2.1',
        path: '/a',
        httpMethod: 'POST',
        responseLatency: '90',
      },
      {
        '@timestamp': stamp(1),
        status: '200',
        ip: '192.0.2.1',
        path: '/a',
        httpMethod: 'GET',
        responseLatency: '30',
      },
    ],
  },
  {
    source: APIGW,
    query: 'stats count(*) as requestCount by path\n| sort requestCount desc\n| limit 10',
    events: access,
    rows: [
      { path: '/a', requestCount: '2' },
      { path: '/b', requestCount: '1' },
      { path: '/c', requestCount: '1' },
    ],
  },
  {
    source: APIGW,
    query:
      'filter status=200\n| stats avg(integrationLatency), max(integrationLatency), \nmin(integrationLatency) by bin(1m)',
    events: access,
    rows: [
      {
        'bin(1m)': stamp(1),
        'avg(integrationLatency)': '20',
        'max(integrationLatency)': '20',
        'min(integrationLatency)': '20',
      },
      {
        'bin(1m)': stamp(2),
        'avg(integrationLatency)': '80',
        'max(integrationLatency)': '80',
        'min(integrationLatency)': '80',
      },
    ],
  },
  {
    source: 'Sample queries: Queries for Amazon EventBridge',
    query:
      'fields @timestamp, @message\n| stats count(*) as numberOfEvents by `detail-type`\n| sort numberOfEvents desc',
    events: [
      jsonEvent(at(1), { 'detail-type': 'EC2 Instance State-change Notification' }),
      jsonEvent(at(2), { 'detail-type': 'Scheduled Event' }),
      jsonEvent(at(3), { 'detail-type': 'Scheduled Event' }),
    ],
    rows: [
      { 'detail-type': 'Scheduled Event', numberOfEvents: '2' },
      { 'detail-type': 'EC2 Instance State-change Notification', numberOfEvents: '1' },
    ],
  },
];
