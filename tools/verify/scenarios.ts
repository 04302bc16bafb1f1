import type { PipelineFault } from '../monitoring';
import type { Fault, InvocationPlan } from './protocol';
import {
  badPassword,
  call,
  goodLogin,
  health,
  malformedBodies,
  minuteMs,
  type PlannedCall,
  probeRun,
  repeat,
  spread,
  unknownUser,
  withinPeriod,
} from './scenario-requests';
import type { ScenarioSizing } from './scenario-sizing';

export { demoUser } from './scenario-requests';

/** One story told to the real handlers; `benign` ones must leave every alarm out of ALARM. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly benign: boolean;
  /** Scenarios of one block share simulated time (benign traffic mixes logins and health checks). */
  readonly block: number;
  readonly invocations: readonly PlannedCall[];
  /** Offsets inside the block, one per invocation. */
  readonly offsetsMs: readonly number[];
  /**
   * The scheduled health probe runs every 5 minutes in every block, as EventBridge keeps invoking it, with
   * these faults; `stopped` in any scenario of a block means no probe runs in it. @default []
   */
  readonly probe?: readonly Fault[] | 'stopped';
  /** A fault of the archive pipeline (Firehose, S3) for the whole block. @default none */
  readonly pipeline?: PipelineFault;
}

/** Blocks are an hour apart: longer than any alarm's evaluation range, so scenarios never see each other. */
export const blockMs = 60 * minuteMs;
/** The stack's probe rule runs every 5 minutes. */
const probeEveryMs = 5 * minuteMs;
/** An unknown user costs one full-cost scrypt (~0.3 s here, as in Lambda): at most this many per burst. */
const maxUnknownUsers = 3;

const minutes = (ms: number): string => `${Math.round((ms / minuteMs) * 10) / 10} min`;

/** The burst: wrong passwords for a real user and a few unknown users, all from one address. */
const failedLoginBurst = ({ failedLogins }: ScenarioSizing): Scenario => {
  const unknown = Math.min(Math.floor(failedLogins.count / 4), maxUnknownUsers);
  return {
    name: 'failed-login-burst',
    description: `${failedLogins.count} failed logins within ${minutes(failedLogins.periodMs)} from one address (${failedLogins.count - unknown} wrong passwords, ${unknown} unknown users)`,
    benign: false,
    block: 2,
    invocations: [
      ...repeat(failedLogins.count - unknown, call('login', badPassword)),
      ...repeat(unknown, call('login', unknownUser)),
    ],
    offsetsMs: withinPeriod(failedLogins.count, failedLogins.periodMs),
  };
};

/**
 * Malformed logins from one address, more of them in 5 minutes than any count alarm needs: client mistakes
 * must page nobody (they are neither password guesses nor ERROR records).
 */
const clientMistakes = ({ failedLogins, errorEvents }: ScenarioSizing): Scenario => {
  const count = 2 * Math.max(failedLogins.count, errorEvents.count);
  return {
    name: 'client-mistakes',
    description: `${count} malformed logins within 5 min from one address (not JSON, no password, wrong media type, bad email)`,
    benign: true,
    block: 3,
    invocations: Array.from({ length: count }, (_, i) =>
      call('login', malformedBodies[i % malformedBodies.length]),
    ),
    offsetsMs: withinPeriod(count, 5 * minuteMs),
  };
};

/** Hanging dependencies in both functions within one minute: the layer's request_timeout, Middy's TimeoutError. */
const timeouts = ({ timeouts: t }: ScenarioSizing): Scenario => {
  const { login, health: healthCount } = t.perRole;
  return {
    name: 'timeouts',
    description: `a dependency hangs until the Lambda deadline (${t.remainingMs} ms left): ${login} logins and ${healthCount} health checks within a minute`,
    benign: false,
    block: 5,
    invocations: [
      ...repeat(login, call('login', goodLogin, ['dynamodb-hangs'], t.remainingMs)),
      ...repeat(healthCount, call('health', health, ['logs-api-hangs'], t.remainingMs)),
    ],
    offsetsMs: withinPeriod(login + healthCount, minuteMs, 1, 2_000),
  };
};

/** Lambda refuses invocations of both functions (concurrency exhausted); API Gateway answers 500. */
const lambdaThrottled = ({ throttles }: ScenarioSizing): Scenario => ({
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
const tableThrottled = ({ tableThrottles }: ScenarioSizing): Scenario => ({
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
const slowDependency = ({ load }: ScenarioSizing): Scenario => {
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
const archiveFaults = ({ archive }: ScenarioSizing): Scenario[] => [
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

/**
 * The scenarios, each fault one sized from the stack's alarms (see `sizeScenarios`). Blocks run in order and
 * an alarm is credited to the first block that fires it.
 */
export const buildScenarios = (sizing: ScenarioSizing): Scenario[] => {
  const { errorEvents, outage, healthFailures } = sizing;
  const scenarios: Scenario[] = [
    {
      name: 'successful-logins',
      description: 'a user logs in with good credentials, once per 5 minutes',
      benign: true,
      block: 0,
      invocations: repeat(3, call('login', goodLogin)),
      offsetsMs: spread(3, minuteMs, 5 * minuteMs),
    },
    {
      name: 'healthy-checks',
      description:
        'GET /health/logs every 15 s while one alarm is in ALARM: listed in the body, still 200 healthy',
      benign: true,
      block: 0,
      invocations: repeat(20, call('health', health, ['alarm-firing'])),
      offsetsMs: spread(20, 0, 15_000),
      probe: ['alarm-firing'],
    },
    {
      name: 'thrown-error',
      description: `login deployed without USERS_TABLE_NAME: ConfigurationError escapes the handler (500), ${errorEvents.count} times within ${minutes(errorEvents.periodMs)}`,
      benign: false,
      block: 1,
      invocations: repeat(errorEvents.count, call('login', goodLogin, ['missing-table-config'])),
      offsetsMs: withinPeriod(errorEvents.count, errorEvents.periodMs),
    },
    failedLoginBurst(sizing),
    clientMistakes(sizing),
    {
      name: 'dependency-outage',
      description: `DynamoDB answers InternalServerError: every login gets 503, ${outage.perPeriod} logins in each of ${outage.periods} periods of ${minutes(outage.periodMs)}`,
      benign: false,
      block: 4,
      invocations: repeat(
        outage.perPeriod * outage.periods,
        call('login', goodLogin, ['dynamodb-unavailable']),
      ),
      offsetsMs: Array.from({ length: outage.periods }, (_, i) =>
        withinPeriod(outage.perPeriod, outage.periodMs, i),
      ).flat(),
    },
    timeouts(sizing),
    {
      name: 'degraded-health',
      description:
        'a metric filter was deleted and the login group went quiet despite traffic: the probe and GET /health/logs report degraded (503)',
      benign: false,
      block: 6,
      invocations: repeat(
        healthFailures.count,
        call('health', health, ['missing-metric-filter', 'stale-log-stream']),
      ),
      offsetsMs: withinPeriod(healthFailures.count, healthFailures.periodMs, 0, minuteMs),
      probe: ['missing-metric-filter', 'stale-log-stream'],
    },
    {
      name: 'quiet-night',
      description: 'no logins for three hours and no login invocations: the probe stays healthy',
      benign: true,
      block: 7,
      invocations: [],
      offsetsMs: [],
      probe: ['quiet-night'],
    },
    {
      name: 'probe-stopped',
      description: 'the probe rule stopped invoking the health function while logins go on',
      benign: false,
      block: 8,
      invocations: repeat(3, call('login', goodLogin)),
      offsetsMs: spread(3, minuteMs, 5 * minuteMs),
      probe: 'stopped',
    },
    lambdaThrottled(sizing),
    tableThrottled(sizing),
    ...archiveFaults(sizing),
    {
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
    },
  ];
  // The load runs only when an alarm needs it (it is the costliest scenario by far).
  if (sizing.load.perPeriod > 0) scenarios.push(slowDependency(sizing));
  return scenarios.map(withScheduledProbe);
};

/**
 * Adds the probe's runs to the first scenario of each block (every 5 minutes from the block's start), with the
 * faults the block's scenarios give it, unless one of them stopped it.
 */
const withScheduledProbe = (scenario: Scenario, _index: number, all: readonly Scenario[]): Scenario => {
  const block = all.filter((other) => other.block === scenario.block);
  if (block[0] !== scenario || block.some((other) => other.probe === 'stopped')) return scenario;
  const faults = [...new Set(block.flatMap((other) => (Array.isArray(other.probe) ? other.probe : [])))];
  const runs = Math.floor(blockMs / probeEveryMs);
  return {
    ...scenario,
    description: `${scenario.description} (+ the scheduled probe every 5 min)`,
    invocations: [...scenario.invocations, ...repeat(runs, probeRun(faults))],
    offsetsMs: [...scenario.offsetsMs, ...spread(runs, 0, probeEveryMs)],
  };
};

/** Every invocation with its id and simulated time, in time order within each function. */
export const planInvocations = (list: readonly Scenario[]): InvocationPlan[] => {
  let id = 0;
  return list
    .flatMap((scenario) =>
      scenario.invocations.map((invocation, index) => ({
        ...invocation,
        scenario: scenario.name,
        atMs: scenario.block * blockMs + scenario.offsetsMs[index],
      })),
    )
    .sort((a, b) => a.atMs - b.atMs)
    .map((plan) => ({ ...plan, id: id++ }));
};
