import { hashPassword, verifyPassword, verifyUserPassword } from '../../../functions/login/password-hash';

/** Cheap parameters keep the suite fast; verification reads them from the stored hash anyway. */
const cheap = { N: 1024, r: 8, p: 1 };

describe('password hashing', () => {
  it('writes scrypt$N$r$p$salt$hash and verifies the same password', async () => {
    const stored = await hashPassword('correct horse battery staple', cheap);

    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', stored)).resolves.toBe(false);
  });

  it('uses a fresh salt per hash, so equal passwords store differently', async () => {
    const [first, second] = await Promise.all([hashPassword('same', cheap), hashPassword('same', cheap)]);

    expect(first).not.toBe(second);
  });

  it('defaults to OWASP-grade parameters', async () => {
    await expect(hashPassword('x')).resolves.toMatch(/^scrypt\$16384\$8\$5\$/);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const stored = await hashPassword('caf\u00e9', cheap);

    await expect(verifyPassword('cafe\u0301', stored)).resolves.toBe(true);
  });

  it.each([
    ['an empty string', ''],
    ['another scheme', 'bcrypt$2b$10$abc'],
    ['a non power-of-two N', 'scrypt$1000$8$1$c2FsdA==$a2V5'],
    ['an absurd N', `scrypt$${2 ** 30}$8$1$c2FsdA==$a2V5`],
    ['missing parts', 'scrypt$1024$8$1$c2FsdA=='],
  ])('answers false (never throws) for a stored hash that is %s', async (_label, stored) => {
    await expect(verifyPassword('anything', stored)).resolves.toBe(false);
  });

  it('answers false for an unknown user after running one scrypt', async () => {
    const started = process.hrtime.bigint();
    const result = await verifyUserPassword('anything', undefined);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;

    expect(result).toBe(false);
    // The dummy verification uses the default parameters: measurably more than a no-op.
    expect(elapsedMs).toBeGreaterThan(5);
  });
});
