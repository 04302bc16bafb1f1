import { at, jsonEvent } from '../helpers';
import type { QueryCase } from './types';

// Logs Insights discovers these fields in VPC flow logs and Route 53 logs; locally the events carry them as JSON.
const VPC = 'Sample queries: Queries for Amazon VPC Flow Logs';
const ROUTE53 = 'Sample queries: Queries for Route 53 logs';
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

export const NETWORK_LOG_CASES: readonly QueryCase[] = [
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
];
