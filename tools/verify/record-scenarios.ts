import {
  badPassword,
  call,
  goodLogin,
  health,
  malformedBodies,
  minuteMs,
  minutes,
  repeat,
  unknownUser,
  withinPeriod,
} from './scenario-requests';
import type { ScenarioSizing } from './scenario-sizing';
import type { Scenario } from './scenarios';

/** The scenarios behind the log-based alarms (records the layer writes), sized from their thresholds. */

/** An unknown user costs one full-cost scrypt (~0.3 s here, as in Lambda): at most this many per burst. */
const maxUnknownUsers = 3;

/** The burst: wrong passwords for a real user and a few unknown users, all from one address. */
export const failedLoginBurst = ({ failedLogins }: ScenarioSizing): Scenario => {
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
export const clientMistakes = ({ failedLogins, errorEvents }: ScenarioSizing): Scenario => {
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
export const timeouts = ({ timeouts: t }: ScenarioSizing): Scenario => {
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
