import path from 'node:path';
import type { HttpRequest } from '../protocol';
import { call, minuteMs, repeat, spread, withinPeriod } from '../scenario-requests';
import type { ScenarioSizing } from '../scenario-sizing';
import type { ScenarioDraft } from '../scenarios';
import type { VerifyTarget } from '../verify-targets';
import type { VerifyPlugin } from './plugin';

const healthRequest = (target: VerifyTarget): HttpRequest => ({
  method: 'GET',
  path: target.routes.find((route) => route.method === 'GET')?.path ?? '/health/logs',
  headers: {},
  sourceIp: '192.0.2.10',
});

/**
 * The health function's stories: checks while an alarm fires, a degraded stack (a deleted filter, a silent
 * group), a quiet night, a stopped probe, and its client printing credentials past the layer. The scheduled
 * probe runs in every block (see `withScheduledRuns`); these set its faults.
 */
const scenarios = ({ healthFailures }: ScenarioSizing, target: VerifyTarget): ScenarioDraft[] => {
  const { role } = target;
  const health = healthRequest(target);
  return [
    {
      name: 'healthy-checks',
      description: `GET ${health.path} every 15 s while one alarm is in ALARM: listed in the body, still 200 healthy`,
      benign: true,
      shareBlock: 'benign',
      invocations: repeat(20, call(role, health, ['alarm-firing'])),
      offsetsMs: spread(20, 0, 15_000),
      probe: ['alarm-firing'],
    },
    {
      name: 'degraded-health',
      description: `a metric filter was deleted and the login group went quiet despite traffic: the probe and GET ${health.path} report degraded (503)`,
      benign: false,
      invocations: repeat(
        healthFailures.count,
        call(role, health, ['missing-metric-filter', 'stale-log-stream']),
      ),
      offsetsMs: withinPeriod(healthFailures.count, healthFailures.periodMs, 0, minuteMs),
      probe: ['missing-metric-filter', 'stale-log-stream'],
    },
    {
      name: 'quiet-night',
      description: 'no logins for three hours and no login invocations: the probe stays healthy',
      benign: true,
      invocations: [],
      offsetsMs: [],
      probe: ['quiet-night'],
    },
    {
      name: 'probe-stopped',
      description: `the probe rule stopped invoking the health function while GET ${health.path} goes on`,
      benign: false,
      invocations: repeat(3, call(role, health)),
      offsetsMs: spread(3, minuteMs, 5 * minuteMs),
      probe: 'stopped',
    },
    {
      name: 'health-credentials-leak',
      description: "the health function's SDK client prints its credentials past the layer",
      benign: false,
      shareBlock: 'redaction-leak',
      invocations: repeat(2, call(role, health, ['sdk-debug-output'])),
      offsetsMs: spread(2, 2 * minuteMs, 20_000),
    },
  ];
};

export const healthPlugin: VerifyPlugin = {
  role: 'health',
  // Scenario time is simulated, the health cache's clock is not: every verify health check runs its checks.
  environment: { HEALTH_CACHE_SECONDS: '0' },
  fakes: path.join(__dirname, 'health-fakes.ts'),
  scenarios,
};
