/** Shared test plumbing: capture record lines through the sink, build Lambda contexts, parse records. */

import { setLogSink } from '@cream/logging';
import type { Context } from 'aws-lambda';

export type LogRecord = Record<string, unknown>;

/** Captures every line written through the sink; `records()` parses them (and fails on an invalid line). */
export const captureLines = () => {
  const lines: string[] = [];
  setLogSink((line) => lines.push(line));
  return {
    lines,
    records: (): LogRecord[] => lines.map((line) => JSON.parse(line) as LogRecord),
    byMessage: (message: string): LogRecord[] =>
      lines.map((line) => JSON.parse(line) as LogRecord).filter((record) => record.message === message),
    clear: () => lines.splice(0, lines.length),
  };
};

export const lambdaContext = (overrides: Partial<Context> = {}): Context => ({
  awsRequestId: 'lambda-request-1',
  functionName: 'cream-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:cream-test',
  memoryLimitInMB: '128',
  logGroupName: '/aws/lambda/cream-test',
  logStreamName: '2026/11/26/[$LATEST]abc',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
  ...overrides,
});

/** A minimal HTTP API (v2) event; tests override what they exercise. */
export const httpApiEvent = (overrides: Record<string, unknown> = {}) => ({
  version: '2.0',
  routeKey: 'POST /login',
  rawPath: '/login',
  rawQueryString: '',
  headers: { 'user-agent': 'jest', 'content-type': 'application/json' },
  requestContext: {
    requestId: 'gateway-request-1',
    domainName: 'api.example.com',
    http: {
      method: 'POST',
      path: '/login',
      protocol: 'HTTP/1.1',
      sourceIp: '203.0.113.7',
      userAgent: 'jest',
    },
  },
  isBase64Encoded: false,
  ...overrides,
});

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
