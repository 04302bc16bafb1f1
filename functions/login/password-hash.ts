import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/** Cost parameters of one scrypt hash; stored inside the hash so they can be raised without a migration. */
export interface ScryptParameters {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * OWASP's scrypt alternative for memory-constrained hosts (N=2^14, r=8, p=5: 16 MiB at a time, the work of
 * N=2^17 p=1): a 128 MB Lambda can afford it where the 128 MiB variant could not run at all.
 */
export const defaultScryptParameters: ScryptParameters = { N: 2 ** 14, r: 8, p: 5 };

const saltBytes = 16;
const keyBytes = 32;
const prefix = 'scrypt';

/** Bounds for parameters read back from the table, so a corrupted item cannot make one login burn a gigabyte. */
const limits = { maxN: 2 ** 20, maxR: 32, maxP: 16 } as const;

const scryptAsync = (
  password: string,
  salt: Buffer,
  length: number,
  options: ScryptOptions,
): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });

/** Node refuses scrypt above 32 MiB unless told; allow the memory the parameters need, with headroom. */
const optionsFor = ({ N, r, p }: ScryptParameters): ScryptOptions => ({
  N,
  r,
  p,
  maxmem: 256 * N * r + 1024 * 1024,
});

/** NFC so that "é" typed as one code point or as e + accent is the same password on every keyboard. */
const normalize = (password: string): string => password.normalize('NFC');

/** Hashes a password as `scrypt$N$r$p$<salt b64>$<hash b64>` with a fresh random salt. */
export const hashPassword = async (
  password: string,
  parameters: ScryptParameters = defaultScryptParameters,
): Promise<string> => {
  const salt = randomBytes(saltBytes);
  const key = await scryptAsync(normalize(password), salt, keyBytes, optionsFor(parameters));
  const { N, r, p } = parameters;
  return [prefix, N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
};

interface ParsedHash {
  readonly parameters: ScryptParameters;
  readonly salt: Buffer;
  readonly key: Buffer;
}

const isPowerOfTwo = (value: number): boolean => value > 1 && (value & (value - 1)) === 0;
const positiveInteger = (text: string | undefined): number =>
  text !== undefined && /^[1-9][0-9]{0,9}$/.test(text) ? Number(text) : Number.NaN;

const parseHash = (stored: string): ParsedHash | undefined => {
  const [scheme, nText, rText, pText, saltText, keyText, ...rest] = stored.split('$');
  if (scheme !== prefix || rest.length > 0 || !saltText || !keyText) return undefined;
  const N = positiveInteger(nText);
  const r = positiveInteger(rText);
  const p = positiveInteger(pText);
  if (!isPowerOfTwo(N) || N > limits.maxN || !(r <= limits.maxR) || !(p <= limits.maxP)) return undefined;
  const salt = Buffer.from(saltText, 'base64');
  const key = Buffer.from(keyText, 'base64');
  if (salt.length === 0 || key.length === 0) return undefined;
  return { parameters: { N, r, p }, salt, key };
};

/**
 * A well-formed hash that matches no password (random salt and key, default parameters). Verifying against it
 * costs what verifying a real user's password costs, so an unknown email answers no faster than a known one.
 */
const dummyHash = 'scrypt$16384$8$5$Wk2s0m9b4oH1dLr3uVq8Yg==$0VqJm3Jt4n8xq1c2Zr7LkQf6Hw9sB5yPaE2uT3iNd0M=';

/**
 * Checks a password against a stored hash in constant time. A malformed stored hash is a failed match (after a
 * dummy hash, so timing stays uniform), never an exception: one corrupted item must not turn logins into 500s.
 */
export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const parsed = parseHash(stored);
  const target = parsed ?? parseHash(dummyHash)!;
  const key = await scryptAsync(
    normalize(password),
    target.salt,
    target.key.length,
    optionsFor(target.parameters),
  );
  return parsed !== undefined && key.length === target.key.length && timingSafeEqual(key, target.key);
};

/**
 * Verifies against the user's hash when the user exists, else against the dummy hash: one scrypt either way.
 * Returns false for an unknown user.
 */
export const verifyUserPassword = async (password: string, stored: string | undefined): Promise<boolean> => {
  const matches = await verifyPassword(password, stored ?? dummyHash);
  return stored !== undefined && matches;
};
