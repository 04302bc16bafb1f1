import type { DemoUser } from './demo-user';

export interface BannerInput {
  readonly url: string;
  readonly stackName: string;
  readonly routes: readonly string[];
  readonly user: DemoUser;
  readonly home: string;
  readonly alarmCount: number;
  readonly filterCount: number;
  readonly dynamoDbEndpoint: string;
  readonly awsEndpoint: string;
  readonly usersTable?: string;
  readonly region: string;
  readonly watching: boolean;
  /** The state is not in the default place: `users:add --local` needs `--home` to find it. */
  readonly customHome: boolean;
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
  const home = input.customHome ? ` --home ${shellQuote(input.home)}` : '';
  return [
    '',
    `Cream logging: ${input.stackName} running locally at ${input.url}`,
    '',
    `  console:  ${input.url}/_local/ (dashboard, alarms, live tail, Logs Insights)`,
    `  routes:   ${input.routes.join(', ')}`,
    `  alarms:   ${input.alarmCount} (from ${input.filterCount} metric filters), live at ${input.url}/_local/alarms`,
    `  metrics:  ${input.url}/_local/metrics`,
    `  dynamodb: ${input.dynamoDbEndpoint} (region ${input.region}${input.usersTable ? `, users table ${input.usersTable}` : ''})`,
    `  aws:      ${input.awsEndpoint} (CloudWatch Logs with Logs Insights, CloudWatch: --endpoint-url)`,
    `  state:    ${input.home} (logs in ${input.home}/logs)`,
    `  reload:   ${input.watching ? 'on changes under functions/, layer/, lib/ and bin/' : 'off (--no-watch)'}`,
    '',
    `Demo user${input.user.created ? ' (created)' : ''}:`,
    `  email: ${input.user.email}`,
    `  password: ${input.user.password}`,
    '',
    'Try:',
    `  curl -s -X POST ${input.url}/login -H 'content-type: application/json' -d ${shellQuote(good)}`,
    `  curl -s -X POST ${input.url}/login -H 'content-type: application/json' -d ${shellQuote(bad)}`,
    `  curl -s ${input.url}/health/logs`,
    ...(input.usersTable
      ? [
          `  printf %s "$PASSWORD" | npm run users:add -- --local${home} --email you@example.com --password-stdin`,
        ]
      : []),
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
};
