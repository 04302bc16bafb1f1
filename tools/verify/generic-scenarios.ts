import type { Fault, HttpRequest } from './protocol';
import { routeRequests } from './route-requests';
import { call, minuteMs, minutes, type PlannedCall, repeat, spread, withinPeriod } from './scenario-requests';
import type { FunctionSizing } from './scenario-sizing';
import type { ScenarioDraft } from './scenarios';
import type { VerifyTarget } from './verify-targets';

/**
 * The scenarios verify tells ANY function, knowing only its routes, timeout and alarms: ordinary requests
 * built from its routes (benign; a plug-in may name better ones), and faults injected from outside its code
 * (fault-injection.ts, aws-fakes.ts), each sized from the alarms that watch the function. A function only a
 * schedule invokes gets them as scheduled invocations.
 */
export const genericScenarios = (
  target: VerifyTarget,
  size: FunctionSizing,
  ordinary?: readonly HttpRequest[],
): { readonly benign: ScenarioDraft; readonly faults: readonly ScenarioDraft[] } => {
  const { role } = target;
  const fromRoutes = routeRequests(target.routes);
  const requests: readonly HttpRequest[] = ordinary && fromRoutes.length > 0 ? ordinary : fromRoutes;
  const scheduled = requests.length === 0;
  const routesText = scheduled
    ? 'scheduled runs'
    : `${ordinary ? "its plug-in's ordinary requests to " : ''}${target.routes.map((route) => route.routeKey).join(', ')}`;
  const scheduledRun: HttpRequest = { method: 'GET', path: '/', headers: {}, sourceIp: '192.0.2.10' };
  /** `count` calls cycling through the requests (or scheduled runs), with these faults. */
  const calls = (count: number, faults: Fault[] = [], remainingMs?: number): PlannedCall[] =>
    Array.from({ length: count }, (_, i) =>
      scheduled
        ? { ...call(role, scheduledRun, faults, remainingMs), trigger: 'schedule' as const }
        : call(role, requests[i % requests.length], faults, remainingMs),
    );
  const { throws, outage, hangs, throttles, load, benign } = size;

  const faults: ScenarioDraft[] = [
    {
      name: `${role}-forced-throw`,
      description: `${role}: an error is thrown inside its middleware before the handler runs, ${throws.count} times within ${minutes(throws.periodMs)}`,
      benign: false,
      invocations: calls(throws.count, ['forced-throw']),
      offsetsMs: withinPeriod(throws.count, throws.periodMs),
    },
    ...(scheduled
      ? []
      : [
          {
            name: `${role}-aws-outage`,
            description: `${role}: every AWS SDK call fails with a service fault (500; a handler that made none answers 500), ${outage.perPeriod} requests in each of ${outage.periods} periods of ${minutes(outage.periodMs)}`,
            benign: false,
            invocations: calls(outage.perPeriod * outage.periods, ['aws-unavailable']),
            offsetsMs: Array.from({ length: outage.periods }, (_, i) =>
              withinPeriod(outage.perPeriod, outage.periodMs, i),
            ).flat(),
          },
        ]),
    {
      name: `${role}-forced-hang`,
      description: `${role}: the handler never answers (${hangs.remainingMs} ms left): the layer's request_timeout, then Lambda ends it, ${hangs.count} times within a minute`,
      benign: false,
      invocations: calls(hangs.count, ['forced-hang'], hangs.remainingMs),
      offsetsMs: withinPeriod(hangs.count, minuteMs, 1, 2_000),
    },
    {
      name: `${role}-lambda-throttled`,
      description: `${role}: Lambda throttles ${throttles} invocations within 5 min (the account's concurrency is used up)`,
      benign: false,
      invocations: calls(throttles, ['lambda-throttled']),
      offsetsMs: withinPeriod(throttles, 5 * minuteMs),
    },
    {
      name: `${role}-leak`,
      description: `${role}: something inside the invocation prints an email and an AWS secret key past the layer`,
      benign: false,
      invocations: calls(2, ['leaks-secrets']),
      offsetsMs: spread(2, minuteMs, 20_000),
    },
  ];
  if (load && load.perPeriod > 0) {
    // Slow ones spread evenly through each period; the rest are ordinary requests.
    const slowEvery = Math.max(1, Math.floor(load.perPeriod / Math.max(1, load.slow)));
    const periods = Math.max(1, load.periods);
    const period = calls(load.perPeriod).map((planned, i) => {
      const slow = i % slowEvery === 0 && i / slowEvery < load.slow;
      return { ...planned, faults: slow ? (['handler-slow'] as Fault[]) : [], slowMs: load.slowMs };
    });
    faults.push({
      name: `${role}-slow`,
      description: `${role}: ${load.perPeriod} requests per ${minutes(load.periodMs)} (x${periods}), ${load.slow} of them taking ${load.slowMs} ms before the handler answers`,
      benign: false,
      invocations: repeat(periods, period).flat(),
      offsetsMs: Array.from({ length: periods }, (_, i) =>
        withinPeriod(load.perPeriod, load.periodMs, i),
      ).flat(),
    });
  }

  return {
    benign: {
      name: `${role}-route-traffic`,
      description: `${role}: ${benign} ordinary requests within 5 min (${routesText}); a 4xx is a client mistake, no alarm`,
      benign: true,
      shareBlock: 'benign',
      invocations: calls(benign),
      offsetsMs: withinPeriod(benign, 5 * minuteMs),
    },
    faults,
  };
};
