import type { PipelineFault } from '../monitoring';
import {
  archiveFaults,
  lambdaThrottled,
  redactionLeak,
  slowDependency,
  tableThrottled,
} from './platform-scenarios';
import type { Fault, InvocationPlan } from './protocol';
import { clientMistakes, failedLoginBurst, timeouts } from './record-scenarios';
import {
  call,
  goodLogin,
  health,
  minuteMs,
  minutes,
  type PlannedCall,
  probeRun,
  repeat,
  spread,
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
    redactionLeak,
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
