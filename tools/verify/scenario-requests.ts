import type { Fault, FunctionRole, HttpRequest, InvocationPlan } from './protocol';

/** The requests and timing helpers the scenarios are written with. */

export const minuteMs = 60_000;

/** `90000` → `1.5 min`, for scenario descriptions. */
export const minutes = (ms: number): string => `${Math.round((ms / minuteMs) * 10) / 10} min`;
/** Default remaining time: well inside any function timeout, so only timeout scenarios come near it. */
export const normalRemainingMs = 10_000;

export const demoUser = { email: 'ada@example.com', password: 'correct horse battery staple' } as const;

/**
 * scrypt parameters of the demo user's stored hash in verify (not the login default): a wrong password then
 * costs milliseconds, so a burst sized from the alarm stays fast. Unknown users still verify against the
 * default-cost dummy hash, and the handler's code path is the same.
 */
export const verifyScryptParameters = { N: 2 ** 10, r: 8, p: 1 } as const;

export type PlannedCall = Omit<InvocationPlan, 'id' | 'scenario' | 'atMs'>;

const json = (value: unknown) => JSON.stringify(value);
const attackerIp = '203.0.113.66';

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

export const health: HttpRequest = {
  method: 'GET',
  path: '/health/logs',
  headers: {},
  sourceIp: '192.0.2.10',
};

export const call = (
  role: FunctionRole,
  request: HttpRequest,
  faults: Fault[] = [],
  remainingMs = normalRemainingMs,
): PlannedCall => ({ role, request, faults, remainingMs });

/** One run of the scheduled health probe (EventBridge invokes the function directly). */
export const probeRun = (faults: Fault[] = []): PlannedCall => ({
  ...call('health', health, faults),
  trigger: 'schedule',
});

/** `count` offsets spread evenly from `fromMs`, `stepMs` apart. */
export const spread = (count: number, fromMs: number, stepMs: number): number[] =>
  Array.from({ length: count }, (_, i) => fromMs + i * stepMs);

/**
 * `count` offsets inside the aligned period `[periodIndex * periodMs, (periodIndex + 1) * periodMs)`: from a
 * lead-in (a minute, or a fifth of a short period) at most `maxStepMs` apart, so all land in that one period.
 */
export const withinPeriod = (count: number, periodMs: number, periodIndex = 0, maxStepMs = 10_000) => {
  const lead = Math.min(minuteMs, Math.floor(periodMs / 5));
  const step = Math.min(maxStepMs, Math.floor((periodMs - lead) / Math.max(count, 1)));
  return spread(count, periodIndex * periodMs + lead, step);
};

export const repeat = <T>(count: number, item: T): T[] => Array.from({ length: count }, () => item);

export const goodLogin = login(json({ email: demoUser.email, password: demoUser.password }));
/** Wrong password: one scrypt verification against the demo user's (verify-cheap) hash. */
export const badPassword = login(json({ email: demoUser.email, password: 'guess' }), undefined, attackerIp);
/** Unknown user: still one scrypt, against the dummy hash at full cost (~0.3 s), as in Lambda. */
export const unknownUser = login(
  json({ email: 'mallory@example.com', password: 'guess' }),
  undefined,
  attackerIp,
);
/**
 * Client mistakes, from the attacker's address: not JSON, no password, the wrong media type, a bad email. Each is
 * a 4xx with `validation_failed` (WARN) and a failed `login_attempt` (invalid_input), none a password guess.
 */
export const malformedBodies: readonly HttpRequest[] = [
  login('{"email": "ada@example.com", "password": ', undefined, attackerIp),
  login(json({ email: demoUser.email }), undefined, attackerIp),
  login('email=ada%40example.com', 'text/plain', attackerIp),
  login(json({ email: 'not-an-email', password: 'x' }), undefined, attackerIp),
];
