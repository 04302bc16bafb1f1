import type { Fault, FunctionRole, HttpRequest, InvocationPlan } from './protocol';

/** One story told to the real handlers; `benign` ones must leave every alarm out of ALARM. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly benign: boolean;
  /** Scenarios of one block share simulated time (benign traffic mixes logins and health checks). */
  readonly block: number;
  readonly invocations: readonly Omit<InvocationPlan, 'id' | 'scenario' | 'atMs'>[];
  /** Offsets inside the block, one per invocation. */
  readonly offsetsMs: readonly number[];
}

const minute = 60_000;
/** Blocks are an hour apart: longer than any alarm's evaluation range, so scenarios never see each other. */
export const blockMs = 60 * minute;
/** Default remaining time: well inside any function timeout, so only timeout scenarios come near it. */
const normalRemainingMs = 10_000;
/** Short enough to keep the run fast, long enough that the timeout record's latency exceeds a 1.5 s p99 bound. */
const timeoutRemainingMs = 1_700;

export const demoUser = { email: 'ada@example.com', password: 'correct horse battery staple' } as const;

const json = (value: unknown) => JSON.stringify(value);
const login = (
  body: string | undefined,
  contentType = 'application/json',
  sourceIp = '198.51.100.7',
): HttpRequest => ({
  method: 'POST',
  path: '/login',
  headers: contentType ? { 'content-type': contentType } : {},
  body,
  sourceIp,
});
const health: HttpRequest = { method: 'GET', path: '/health/logs', headers: {}, sourceIp: '192.0.2.10' };

const call = (
  role: FunctionRole,
  request: HttpRequest,
  faults: Fault[] = [],
  remainingMs = normalRemainingMs,
) => ({
  role,
  request,
  faults,
  remainingMs,
});

/** `count` offsets spread evenly from `fromMs`, `stepMs` apart. */
const spread = (count: number, fromMs: number, stepMs: number): number[] =>
  Array.from({ length: count }, (_, i) => fromMs + i * stepMs);

const repeat = <T>(count: number, item: T): T[] => Array.from({ length: count }, () => item);

const goodLogin = login(json({ email: demoUser.email, password: demoUser.password }));
const badPassword = login(json({ email: demoUser.email, password: 'guess' }), undefined, '203.0.113.66');
const unknownUser = login(
  json({ email: 'mallory@example.com', password: 'guess' }),
  undefined,
  '203.0.113.66',
);

/**
 * The scenarios, sized against the stack's default thresholds (10 failed logins / 5 min, 5 error records /
 * 5 min, 5% 5xx of at least 20 requests in 2 of 3 periods, p99 > 1.5 s for 3 periods, any timeout, any
 * degraded health check). Few scrypt logins: each costs what it costs in Lambda (~0.4 s here).
 */
export const scenarios: readonly Scenario[] = [
  {
    name: 'successful-logins',
    description: 'a user logs in with good credentials, once per 5 minutes',
    benign: true,
    block: 0,
    invocations: repeat(3, call('login', goodLogin)),
    offsetsMs: spread(3, minute, 5 * minute),
  },
  {
    name: 'healthy-checks',
    description: 'GET /health/logs every 15 s while everything is in place',
    benign: true,
    block: 0,
    invocations: repeat(60, call('health', health)),
    offsetsMs: spread(60, 0, 15_000),
  },
  {
    name: 'failed-login-burst',
    description: '12 failed logins in 2 minutes from one address (9 wrong passwords, 3 unknown users)',
    benign: false,
    block: 1,
    invocations: [...repeat(9, call('login', badPassword)), ...repeat(3, call('login', unknownUser))],
    offsetsMs: spread(12, minute, 10_000),
  },
  {
    name: 'malformed-input',
    description: 'bodies that are not JSON, lack a password, have the wrong media type, or a bad email',
    benign: false,
    block: 2,
    invocations: [
      call('login', login('{"email": "ada@example.com", "password": ')),
      call('login', login(json({ email: demoUser.email }))),
      call('login', login('email=ada%40example.com', 'text/plain')),
      call('login', login(json({ email: 'not-an-email', password: 'x' }))),
    ],
    offsetsMs: spread(4, minute, 20_000),
  },
  {
    name: 'thrown-error',
    description: 'login deployed without USERS_TABLE_NAME: ConfigurationError escapes the handler (500)',
    benign: false,
    block: 3,
    invocations: repeat(5, call('login', goodLogin, ['missing-table-config'])),
    offsetsMs: spread(5, minute, 20_000),
  },
  {
    name: 'dependency-outage',
    description: 'DynamoDB answers InternalServerError for 10 minutes: every login gets 503',
    benign: false,
    block: 4,
    invocations: repeat(50, call('login', goodLogin, ['dynamodb-unavailable'])),
    offsetsMs: spread(50, 0, 12_000),
  },
  {
    name: 'timeouts',
    description:
      'a dependency hangs until the Lambda deadline, once per 5 minutes for 15 minutes, in both functions',
    benign: false,
    block: 5,
    invocations: [
      ...repeat(3, call('login', goodLogin, ['dynamodb-hangs'], timeoutRemainingMs)),
      ...repeat(3, call('health', health, ['logs-api-hangs'], timeoutRemainingMs)),
    ],
    offsetsMs: [...spread(3, minute, 5 * minute), ...spread(3, minute, 5 * minute)],
  },
  {
    name: 'degraded-health',
    description: 'a metric filter was deleted and the log stream went quiet: GET /health/logs answers 503',
    benign: false,
    block: 6,
    invocations: repeat(2, call('health', health, ['missing-metric-filter', 'stale-log-stream'])),
    offsetsMs: spread(2, minute, minute),
  },
];

/** Every invocation with its id and simulated time, in time order within each function. */
export const planInvocations = (list: readonly Scenario[] = scenarios): InvocationPlan[] => {
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
