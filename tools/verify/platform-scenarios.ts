import {
  call,
  goodLogin,
  health,
  minuteMs,
  minutes,
  repeat,
  spread,
  withinPeriod,
} from './scenario-requests';
import type { ScenarioSizing } from './scenario-sizing';
import type { Scenario } from './scenarios';

/**
 * The scenarios behind the platform's alarms: what Lambda, DynamoDB, the archive pipeline and data protection
 * would report when they fail, each told through the real handlers.
 */

/** Lambda refuses invocations of both functions (concurrency exhausted); API Gateway answers 500. */
export const lambdaThrottled = ({ throttles }: ScenarioSizing): Scenario => ({
  name: 'lambda-throttled',
  description: `Lambda throttles ${throttles.login} logins and ${throttles.health} health checks within 5 min (the account's concurrency is used up)`,
  benign: false,
  block: 9,
  invocations: [
    ...repeat(throttles.login, call('login', goodLogin, ['lambda-throttled'])),
    ...repeat(throttles.health, call('health', health, ['lambda-throttled'])),
  ],
  offsetsMs: withinPeriod(throttles.login + throttles.health, 5 * minuteMs),
});

/** DynamoDB throttles the users table: the SDK call fails with ProvisionedThroughputExceededException (503). */
export const tableThrottled = ({ tableThrottles }: ScenarioSizing): Scenario => ({
  name: 'dynamodb-throttled',
  description: `DynamoDB throttles the users table: ${tableThrottles.count} logins within ${minutes(tableThrottles.periodMs)} get 503`,
  benign: false,
  block: 10,
  invocations: repeat(tableThrottles.count, call('login', goodLogin, ['dynamodb-throttled'])),
  offsetsMs: withinPeriod(tableThrottles.count, tableThrottles.periodMs),
});

/**
 * A busy period in both functions where a few dependency calls are slow (simulated on the runner's virtual
 * clock: the fake answers at once, the process clock jumps by the delay). Enough samples that CloudWatch
 * evaluates a p99 (it ignores fewer than 1000), and enough slow ones to lift it over every latency threshold.
 */
export const slowDependency = ({ load }: ScenarioSizing): Scenario => {
  const slowEvery = Math.max(1, Math.floor(load.perPeriod / Math.max(1, load.slow)));
  const calls = (role: 'login' | 'health') =>
    Array.from({ length: load.perPeriod }, (_, i) => {
      const slow = i % slowEvery === 0 && i / slowEvery < load.slow;
      const request = role === 'login' ? goodLogin : health;
      const fault = role === 'login' ? 'dynamodb-slow' : 'logs-api-slow';
      return { ...call(role, request, slow ? [fault] : []), slowMs: load.slowMs };
    });
  const periods = Math.max(1, load.periods);
  return {
    name: 'slow-dependency',
    description: `${load.perPeriod} logins and ${load.perPeriod} health checks per ${minutes(load.periodMs)} (x${periods}), ${load.slow} of each waiting ${load.slowMs} ms on a dependency`,
    benign: false,
    block: 11,
    invocations: Array.from({ length: periods }, () => [...calls('login'), ...calls('health')]).flat(),
    offsetsMs: Array.from({ length: periods }, (_, period) => {
      const offsets = withinPeriod(load.perPeriod, load.periodMs, period);
      return [...offsets, ...offsets];
    }).flat(),
  };
};

/**
 * The archive pipeline failing under ordinary logins (each writes login_attempt and token_issued, both security
 * records): Firehose refusing CloudWatch Logs' deliveries, then S3 refusing Firehose's writes for long enough
 * that the oldest record goes stale and every write attempt of several periods fails.
 */
export const archiveFaults = ({ archive }: ScenarioSizing): Scenario[] => [
  {
    name: 'archive-stream-rejects',
    description: 'Firehose refuses the subscription filters deliveries (throttled, or the stream is gone)',
    benign: false,
    block: 12,
    invocations: repeat(5, call('login', goodLogin)),
    offsetsMs: spread(5, minuteMs, minuteMs),
    pipeline: 'stream-rejects',
  },
  {
    name: 'archive-bucket-denies',
    description: `S3 refuses Firehose's writes for ${minutes(archive.durationMs)} (a bucket policy change); logins every 3 min`,
    benign: false,
    block: 13,
    invocations: repeat(Math.ceil(archive.durationMs / (3 * minuteMs)), call('login', goodLogin)),
    offsetsMs: spread(Math.ceil(archive.durationMs / (3 * minuteMs)), minuteMs, 3 * minuteMs),
    pipeline: 'bucket-denies',
  },
];

/** A dependency printing what it was given, past the layer: data protection's findings are the alarm. */
export const redactionLeak: Scenario = {
  name: 'redaction-leak',
  description:
    'a dependency prints what it was given past the layer: the login email, the health client credentials',
  benign: false,
  block: 14,
  invocations: [
    ...repeat(2, call('login', goodLogin, ['sdk-debug-output'])),
    ...repeat(2, call('health', health, ['sdk-debug-output'])),
  ],
  offsetsMs: spread(4, minuteMs, 20_000),
};
