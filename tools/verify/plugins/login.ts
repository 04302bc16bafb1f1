import path from 'node:path';
import { call, minuteMs, minutes, repeat, spread, withinPeriod } from '../scenario-requests';
import type { ScenarioSizing } from '../scenario-sizing';
import type { ScenarioDraft } from '../scenarios';
import type { VerifyTarget } from '../verify-targets';
import { badPassword, goodLogin, malformedBodies, unknownUser } from './login-requests';
import type { VerifyPlugin } from './plugin';

/** An unknown user costs one full-cost scrypt (~0.3 s here, as in Lambda): at most this many per burst. */
const maxUnknownUsers = 3;

/**
 * The login function's stories: good logins, a password-guessing burst, client mistakes, a deployment
 * mistake, a throttled users table, the archive pipeline failing under logins (each writes login_attempt and
 * token_issued, both security records) and the SDK printing the login's email past the layer.
 */
const scenarios = (sizing: ScenarioSizing, { role }: VerifyTarget): ScenarioDraft[] => {
  const { errorEvents, failedLogins, tableThrottles, archive } = sizing;
  const unknown = Math.min(Math.floor(failedLogins.count / 4), maxUnknownUsers);
  const mistakes = 2 * Math.max(failedLogins.count, errorEvents.count);
  const archiveLogins = Math.ceil(archive.durationMs / (3 * minuteMs));
  return [
    {
      name: 'successful-logins',
      description: 'a user logs in with good credentials, once per 5 minutes',
      benign: true,
      shareBlock: 'benign',
      invocations: repeat(3, call(role, goodLogin)),
      offsetsMs: spread(3, minuteMs, 5 * minuteMs),
    },
    {
      name: 'thrown-error',
      description: `login deployed without USERS_TABLE_NAME: ConfigurationError escapes the handler (500), ${errorEvents.count} times within ${minutes(errorEvents.periodMs)}`,
      benign: false,
      invocations: repeat(errorEvents.count, call(role, goodLogin, ['missing-table-config'])),
      offsetsMs: withinPeriod(errorEvents.count, errorEvents.periodMs),
    },
    {
      name: 'failed-login-burst',
      description: `${failedLogins.count} failed logins within ${minutes(failedLogins.periodMs)} from one address (${failedLogins.count - unknown} wrong passwords, ${unknown} unknown users)`,
      benign: false,
      invocations: [
        ...repeat(failedLogins.count - unknown, call(role, badPassword)),
        ...repeat(unknown, call(role, unknownUser)),
      ],
      offsetsMs: withinPeriod(failedLogins.count, failedLogins.periodMs),
    },
    {
      // Client mistakes must page nobody: they are neither password guesses nor ERROR records.
      name: 'client-mistakes',
      description: `${mistakes} malformed logins within 5 min from one address (not JSON, no password, wrong media type, bad email)`,
      benign: true,
      invocations: Array.from({ length: mistakes }, (_, i) =>
        call(role, malformedBodies[i % malformedBodies.length]),
      ),
      offsetsMs: withinPeriod(mistakes, 5 * minuteMs),
    },
    {
      name: 'dynamodb-throttled',
      description: `DynamoDB throttles the users table: ${tableThrottles.count} logins within ${minutes(tableThrottles.periodMs)} get 503`,
      benign: false,
      invocations: repeat(tableThrottles.count, call(role, goodLogin, ['dynamodb-throttled'])),
      offsetsMs: withinPeriod(tableThrottles.count, tableThrottles.periodMs),
    },
    {
      name: 'archive-stream-rejects',
      description: 'Firehose refuses the subscription filters deliveries (throttled, or the stream is gone)',
      benign: false,
      invocations: repeat(5, call(role, goodLogin)),
      offsetsMs: spread(5, minuteMs, minuteMs),
      pipeline: 'stream-rejects',
    },
    {
      name: 'archive-bucket-denies',
      description: `S3 refuses Firehose's writes for ${minutes(archive.durationMs)} (a bucket policy change); logins every 3 min`,
      benign: false,
      invocations: repeat(archiveLogins, call(role, goodLogin)),
      offsetsMs: spread(archiveLogins, minuteMs, 3 * minuteMs),
      pipeline: 'bucket-denies',
    },
    {
      name: 'redaction-leak',
      description: 'the SDK client prints its input past the layer: the login email',
      benign: false,
      shareBlock: 'redaction-leak',
      invocations: repeat(2, call(role, goodLogin, ['sdk-debug-output'])),
      offsetsMs: spread(2, minuteMs, 20_000),
    },
  ];
};

export const loginPlugin: VerifyPlugin = {
  role: 'login',
  fakes: path.join(__dirname, 'login-fakes.ts'),
  // An empty body would only ever be a client mistake: the generic faults and load would never reach the table.
  ordinaryRequests: () => [goodLogin],
  scenarios,
};
