import type { DemoUser } from './demo-user';

export interface BannerInput {
  readonly url: string;
  readonly stackName: string;
  readonly routes: readonly string[];
  readonly user: DemoUser;
  readonly home: string;
  readonly alarmCount: number;
  readonly filterCount: number;
}

/** Single quotes for a POSIX shell, so a generated password with any character pastes safely. */
const shellQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * What a new user needs in the first ten seconds: where the API is, who to log in as, and three commands
 * that show a success, a security event and the health check.
 */
export const formatBanner = (input: BannerInput): string => {
  const good = JSON.stringify({ email: input.user.email, password: input.user.password });
  const bad = JSON.stringify({ email: input.user.email, password: 'wrong-password' });
  return [
    '',
    `Cream logging: ${input.stackName} running locally at ${input.url}`,
    '',
    `  console:  ${input.url}/_local/ (dashboard, alarms, live tail, Logs Insights)`,
    `  routes:   ${input.routes.join(', ')}`,
    `  alarms:   ${input.alarmCount} (from ${input.filterCount} metric filters), live at ${input.url}/_local/alarms`,
    `  metrics:  ${input.url}/_local/metrics`,
    `  state:    ${input.home} (logs in ${input.home}/logs)`,
    '',
    `Demo user${input.user.created ? ' (created)' : ''}:`,
    `  email: ${input.user.email}`,
    `  password: ${input.user.password}`,
    '',
    'Try:',
    `  curl -s -X POST ${input.url}/login -H 'content-type: application/json' -d ${shellQuote(good)}`,
    `  curl -s -X POST ${input.url}/login -H 'content-type: application/json' -d ${shellQuote(bad)}`,
    `  curl -s ${input.url}/health/logs`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
};
