import { at, jsonEvent, stamp } from '../helpers';
import type { QueryCase } from './types';

const CLOUDTRAIL = 'Sample queries: Queries for CloudTrail logs';

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

export const CLOUDTRAIL_CASES: readonly QueryCase[] = [
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
