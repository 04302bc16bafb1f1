import { createHmac, hkdfSync } from 'node:crypto';
import { normalizeEmail } from './email-address';
import { signingKey } from './token-issuer';

/** HKDF's `info`: binds the derived key to this one use, so it is unrelated to the signing key it comes from. */
const derivationInfo = 'cream-logging/login_attempt/user_hash/v1';
/** 64 bits: enough that distinct counts never collide in practice, short enough to keep records small. */
const hashHexLength = 16;

const derived = new WeakMap<Uint8Array, Buffer>();

/**
 * A keyed, stable pseudonym for a login name (`user_hash` of login_attempt), so "distinct users tried" counts
 * people and not masked emails (a***@example.com is every a-name at that domain). HMAC-SHA256, because a plain
 * hash of an email is reversed by hashing a list of likely emails; keyed by HKDF from the JWT signing secret,
 * which login already holds (cached), so there is no second secret to create, rotate or pay for. Rotating the
 * signing key changes every hash: counts do not span a rotation. Undefined when the secret cannot be read (the
 * login answers as it would, only its record lacks the hash).
 */
export const userHash = async (loginName: string, secretArn: string): Promise<string | undefined> => {
  let key: Uint8Array;
  try {
    key = await signingKey(secretArn);
  } catch {
    return undefined; // already recorded as external_service_error by the instrumented client
  }
  let hashKey = derived.get(key);
  if (!hashKey) {
    hashKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), derivationInfo, 32));
    derived.set(key, hashKey);
  }
  const normalized = normalizeEmail(loginName) ?? loginName.trim().normalize('NFC').toLowerCase();
  return createHmac('sha256', hashKey).update(normalized).digest('hex').slice(0, hashHexLength);
};
