import { at, jsonEvent, stamp } from '../helpers';
import type { QueryCase } from './types';

// Logs Insights discovers these fields in VPC flow logs and Route 53 logs; locally the events carry them as JSON.
const VPC = 'Sample queries: Queries for Amazon VPC Flow Logs';
const ROUTE53 = 'Sample queries: Queries for Route 53 logs';
const CLOUDTRAIL = 'Sample queries: Queries for CloudTrail logs';
const APIGW = 'Sample queries: Queries for API Gateway logs';
const NAT = 'Sample queries: Queries for NAT gateway';

const flows = [
  jsonEvent(at(1), { srcAddr: '192.0.2.10', dstAddr: '198.51.100.1', bytes: 500, packets: 5, protocol: 6 }),
  jsonEvent(at(2), { srcAddr: '192.0.2.11', dstAddr: '198.51.100.1', bytes: 700, packets: 7, protocol: 17 }),
  jsonEvent(at(3), {
    srcAddr: '203.0.113.5',
    dstAddr: '198.51.100.2',
    bytes: 9000,
    packets: 90,
    protocol: 17,
  }),
  jsonEvent(at(4), { srcAddr: '192.0.2.10', dstAddr: '198.51.100.2', bytes: 100, packets: 1, protocol: 6 }),
];

const dns = [
  jsonEvent(at(1), { resolverIp: '10.0.0.2', queryName: 'example.com', responseCode: 'NOERROR' }),
  jsonEvent(at(2), { resolverIp: '10.0.0.3', queryName: 'api.example.com', responseCode: 'SERVFAIL' }),
  jsonEvent(at(3), { resolverIp: '10.0.0.2', queryName: 'api.example.com', responseCode: 'SERVFAIL' }),
];

const trail = [
  jsonEvent(at(1), {
    eventSource: 'ec2.amazonaws.com',
    eventName: 'StartInstances',
    awsRegion: 'us-east-2',
    tlsDetails: { tlsVersion: 'TLSv1.2' },
  }),
  jsonEvent(at(2), {
    eventSource: 'ec2.amazonaws.com',
    eventName: 'StopInstances',
    awsRegion: 'eu-west-1',
    tlsDetails: { tlsVersion: 'TLSv1' },
  }),
  jsonEvent(at(3), {
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateUser',
    awsRegion: 'us-east-1',
    requestParameters: { userName: 'alice' },
    responseElements: { user: { arn: 'arn:aws:iam::123456789012:user/alice' } },
    tlsDetails: { tlsVersion: 'TLSv1.1' },
  }),
  jsonEvent(at(4), {
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'UpdateTrail',
    awsRegion: 'us-east-2',
    errorCode: 'AccessDenied',
    errorMessage: 'no',
  }),
  jsonEvent(at(5), {
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'UpdateTrail',
    awsRegion: 'us-east-2',
  }),
  jsonEvent(at(6), {
    eventSource: 'ec2.amazonaws.com',
    eventName: 'StartInstances',
    awsRegion: 'us-east-2',
    tlsDetails: { tlsVersion: 'TLSv1' },
  }),
];

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
    source: VPC,
    query:
      'stats sum(packets) as packetsTransferred by srcAddr, dstAddr\n    | sort packetsTransferred  desc\n    | limit 15',
    events: flows,
    rows: [
      { srcAddr: '203.0.113.5', dstAddr: '198.51.100.2', packetsTransferred: '90' },
      { srcAddr: '192.0.2.11', dstAddr: '198.51.100.1', packetsTransferred: '7' },
      { srcAddr: '192.0.2.10', dstAddr: '198.51.100.1', packetsTransferred: '5' },
      { srcAddr: '192.0.2.10', dstAddr: '198.51.100.2', packetsTransferred: '1' },
    ],
  },
  {
    source: VPC,
    query:
      'filter isIpv4InSubnet(srcAddr, "192.0.2.0/24")\n    | stats sum(bytes) as bytesTransferred by dstAddr\n    | sort bytesTransferred desc\n    | limit 15',
    events: flows,
    rows: [
      { dstAddr: '198.51.100.1', bytesTransferred: '1200' },
      { dstAddr: '198.51.100.2', bytesTransferred: '100' },
    ],
  },
  {
    source: VPC,
    query: 'filter protocol=17 | stats count(*) by srcAddr',
    events: flows,
    rows: [
      { srcAddr: '192.0.2.11', 'count(*)': '1' },
      { srcAddr: '203.0.113.5', 'count(*)': '1' },
    ],
  },
  {
    source: NAT,
    query:
      "filter (dstAddr like 'x.x.x.x' and srcAddr like 'y.y.') \n| stats sum(bytes) as bytesTransferred by srcAddr, dstAddr\n| sort bytesTransferred desc\n| limit 10",
    events: [
      jsonEvent(at(1), { srcAddr: 'y.y.1.1', dstAddr: 'x.x.x.x', bytes: 10 }),
      jsonEvent(at(2), { srcAddr: 'y.y.1.2', dstAddr: 'x.x.x.x', bytes: 30 }),
      jsonEvent(at(3), { srcAddr: 'z.z.1.2', dstAddr: 'x.x.x.x', bytes: 99 }),
    ],
    rows: [
      { srcAddr: 'y.y.1.2', dstAddr: 'x.x.x.x', bytesTransferred: '30' },
      { srcAddr: 'y.y.1.1', dstAddr: 'x.x.x.x', bytesTransferred: '10' },
    ],
    note: 'single-quoted strings; like with a string is a substring match',
  },
  {
    source: ROUTE53,
    query: 'stats count(*) as numRequests by resolverIp\n    | sort numRequests desc\n    | limit 10',
    events: dns,
    rows: [
      { resolverIp: '10.0.0.2', numRequests: '2' },
      { resolverIp: '10.0.0.3', numRequests: '1' },
    ],
  },
  {
    source: ROUTE53,
    query: 'filter responseCode="SERVFAIL" | stats count(*) by queryName',
    events: dns,
    rows: [{ queryName: 'api.example.com', 'count(*)': '2' }],
  },
  {
    source: CLOUDTRAIL,
    query: 'stats count(*) by eventSource, eventName, awsRegion',
    events: trail.slice(0, 2),
    rows: [
      {
        eventSource: 'ec2.amazonaws.com',
        eventName: 'StartInstances',
        awsRegion: 'us-east-2',
        'count(*)': '1',
      },
      {
        eventSource: 'ec2.amazonaws.com',
        eventName: 'StopInstances',
        awsRegion: 'eu-west-1',
        'count(*)': '1',
      },
    ],
  },
  {
    source: CLOUDTRAIL,
    query:
      'filter (eventName="StartInstances" or eventName="StopInstances") and awsRegion="us-east-2"\n| fields eventName, @timestamp',
    events: trail,
    rows: [
      { eventName: 'StartInstances', '@timestamp': stamp(6) },
      { eventName: 'StartInstances', '@timestamp': stamp(1) },
    ],
  },
  {
    source: CLOUDTRAIL,
    query:
      'filter eventName="CreateUser"\n    | fields awsRegion, requestParameters.userName, responseElements.user.arn',
    events: trail,
    rows: [
      {
        awsRegion: 'us-east-1',
        'requestParameters.userName': 'alice',
        'responseElements.user.arn': 'arn:aws:iam::123456789012:user/alice',
      },
    ],
  },
  {
    source: CLOUDTRAIL,
    query:
      'filter eventName="UpdateTrail" and ispresent(errorCode)\n    | stats count(*) by errorCode, errorMessage',
    events: trail,
    rows: [{ errorCode: 'AccessDenied', errorMessage: 'no', 'count(*)': '1' }],
  },
  {
    source: CLOUDTRAIL,
    query:
      'filter tlsDetails.tlsVersion in [ "TLSv1", "TLSv1.1" ]\n| stats count(*) as numOutdatedTlsCalls by eventSource\n| sort numOutdatedTlsCalls desc',
    events: trail,
    rows: [
      { eventSource: 'ec2.amazonaws.com', numOutdatedTlsCalls: '2' },
      { eventSource: 'iam.amazonaws.com', numOutdatedTlsCalls: '1' },
    ],
  },
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
  {
    source: 'Supported logs and discovered fields: Fields in JSON logs',
    query:
      'fields @timestamp, @message\n| filter requestParameters.instancesSet.items.0.instanceId="i-abcde123"\n| sort @timestamp desc',
    events: [
      jsonEvent(at(1), {
        eventName: 'StartInstances',
        requestParameters: { instancesSet: { items: [{ instanceId: 'i-abcde123' }] } },
      }),
      jsonEvent(at(2), {
        eventName: 'StartInstances',
        requestParameters: { instancesSet: { items: [{ instanceId: 'i-other' }] } },
      }),
    ],
    rows: [
      {
        '@timestamp': stamp(1),
        '@message':
          '{"eventName":"StartInstances","requestParameters":{"instancesSet":{"items":[{"instanceId":"i-abcde123"}]}}}',
      },
    ],
  },
];
