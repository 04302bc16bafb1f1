import type { HttpRequest } from '../protocol';

/** The login plug-in's requests: the demo user's good login, password guesses and client mistakes. */

export const demoUser = { email: 'ada@example.com', password: 'correct horse battery staple' } as const;

/**
 * scrypt parameters of the demo user's stored hash in verify (not the login default): a wrong password then
 * costs milliseconds, so a burst sized from the alarm stays fast. Unknown users still verify against the
 * default-cost dummy hash, and the handler's code path is the same.
 */
export const verifyScryptParameters = { N: 2 ** 10, r: 8, p: 1 } as const;

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
