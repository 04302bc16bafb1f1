/**
 * Secrets never reach a record: values under sensitive keys become "[REDACTED]" at any depth, including
 * inside JSON, form-urlencoded and base64 request bodies, query strings and cookie arrays; email addresses
 * are masked wherever they appear in a string.
 */
import { type Json, type JsonPolicy, toJsonSafe } from './safe-serialize';

export const redactedMarker = '[REDACTED]';

/** Normalised (lower case, no `-`/`_`) key names whose values are always secret. */
const exactKeys = [
  'password',
  'passwd',
  'pwd',
  'secret',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'authorization',
  'proxyauthorization',
  'cookie',
  'cookies',
  'setcookie',
  'xapikey',
  'apikey',
  'clientsecret',
  'privatekey',
  'credentials',
  'sessionid',
  'otp',
  'mfacode',
  'creditcard',
  'cardnumber',
  'cvv',
  'ssn',
];
/** Key fragments that mark a secret wherever they appear (`newPassword`, `aws_secret_access_key`). */
const keyFragments = ['password', 'passwd', 'secret', 'apikey', 'authorization', 'cookie', 'privatekey'];

export interface RedactionOptions {
  /** Extra key names to redact, matched like the built-in ones (any case, `-`/`_` ignored). */
  readonly keys?: readonly string[];
  /** Mask email addresses in strings (default true). */
  readonly maskEmails?: boolean;
}

const normalise = (key: string): string => key.toLowerCase().replace(/[-_\s]/g, '');

/** A key is secret when it matches a known name, contains a secret fragment or ends in `token`. */
const isSecretName = (key: string, extra: ReadonlySet<string>): boolean => {
  const k = normalise(key);
  return (
    exactKeys.includes(k) || extra.has(k) || k.endsWith('token') || keyFragments.some((f) => k.includes(f))
  );
};

/** Records repeat the same few keys; remember the verdicts (bounded, so hostile keys cannot grow it). */
const memoLimit = 2048;
const secretMemo = (extra: ReadonlySet<string>): ((key: string) => boolean) => {
  const memo = new Map<string, boolean>();
  return (key) => {
    let secret = memo.get(key);
    if (secret === undefined) {
      secret = isSecretName(key, extra);
      if (memo.size < memoLimit) memo.set(key, secret);
    }
    return secret;
  };
};

// The lookbehind lets a match start only at the beginning of a word: without it a long run of letters with no
// `@` is rescanned from every position (quadratic on a 200 KB body).
const emailPattern =
  /(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

/** `jane.doe@example.com` becomes `j***@example.com`: still groupable by domain, no longer personal. */
export const maskEmail = (value: string): string =>
  value.includes('@') ? value.replace(emailPattern, '$1***@$2') : value;

interface Context {
  readonly isSecretKey: (key: string) => boolean;
  readonly maskEmails: boolean;
}

/** `a=1&password=x` and `?token=y` in URLs and bodies: redact the values of secret parameters. */
const redactParams = (text: string, ctx: Context): string =>
  text.replace(/([?&;]|^)([^=&?;\s]+)=([^&#;\s]*)/g, (match, sep: string, key: string) => {
    let name = key;
    try {
      name = decodeURIComponent(key.replace(/\+/g, ' '));
    } catch {
      // not percent-encoded after all: judge the raw key
    }
    return ctx.isSecretKey(name) ? `${sep}${key}=${redactedMarker}` : match;
  });

const redactString = (text: string, ctx: Context, depth: number): string => {
  const first = text.charCodeAt(0);
  // `{` or `[`, possibly after (any Unicode) whitespace: a JSON body logged as a string is still a body full of keys
  if (depth < 4 && (first === 123 || first === 91 || first <= 32 || first >= 128)) {
    const trimmed = text.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return JSON.stringify(redactJson(JSON.parse(trimmed) as Json, ctx, depth + 1));
      } catch {
        // not JSON: treat as text below
      }
    }
  }
  const withParams = text.includes('=') ? redactParams(text, ctx) : text;
  return ctx.maskEmails ? maskEmail(withParams) : withParams;
};

/** A base64 body (API Gateway `isBase64Encoded`) hides its keys from text redaction: decode, redact, re-encode. */
const redactBase64Body = (body: string, ctx: Context, depth: number): string => {
  const decoded = Buffer.from(body, 'base64').toString('utf8');
  const redacted = redactString(decoded, ctx, depth);
  return redacted === decoded ? body : Buffer.from(redacted, 'utf8').toString('base64');
};

/** A base64 body flag: `isBase64Encoded` (API Gateway, ALB, Function URL), `is_base64_encoded` (VPC Lattice v1). */
const isBase64Body = (owner: object): boolean =>
  (owner as { isBase64Encoded?: unknown }).isBase64Encoded === true ||
  (owner as { is_base64_encoded?: unknown }).is_base64_encoded === true;

/**
 * `{ name: "DB_PASSWORD", value: "…" }`: a name/value pair (CodeBuild and ECS environment variables, SES mail
 * headers) hides its secret under the harmless key `value`; the pair's name decides.
 */
const isSecretPair = (key: string, owner: object, ctx: Context): boolean => {
  if (key !== 'value' && key !== 'Value') return false;
  const pair = owner as { name?: unknown; Name?: unknown; key?: unknown; Key?: unknown };
  const name = pair.name ?? pair.Name ?? pair.key ?? pair.Key;
  return typeof name === 'string' && ctx.isSecretKey(name);
};

const redactJson = (value: Json, ctx: Context, depth: number): Json => {
  if (typeof value === 'string') return redactString(value, ctx, depth);
  if (Array.isArray(value)) return value.map((item) => redactJson(item, ctx, depth));
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const [key, item] of Object.entries(value)) {
    if (ctx.isSecretKey(key) || isSecretPair(key, value, ctx)) out[key] = redactedMarker;
    else if (key === 'body' && typeof item === 'string' && isBase64Body(value))
      out[key] = redactBase64Body(item, ctx, depth);
    else out[key] = redactJson(item, ctx, depth);
  }
  return out;
};

const contextOf = (options: RedactionOptions | undefined): Context => ({
  isSecretKey: secretMemo(new Set((options?.keys ?? []).map(normalise))),
  maskEmails: options?.maskEmails !== false,
});

/**
 * The redaction policy for `toJsonSafe`: secret keys, base64 bodies and strings are redacted in the same walk
 * that makes the data JSON-safe. Build it once per configuration (it memoises key verdicts).
 */
export const redactionPolicy = (options?: RedactionOptions): JsonPolicy => {
  const ctx = contextOf(options);
  return {
    replace: (key, item, owner) => {
      if (ctx.isSecretKey(key) || isSecretPair(key, owner, ctx)) return redactedMarker;
      return key === 'body' && typeof item === 'string' && isBase64Body(owner)
        ? redactBase64Body(item, ctx, 0)
        : undefined;
    },
    text: (value) => redactString(value, ctx, 0),
  };
};

const defaultPolicy = redactionPolicy();

/** Any value as redacted plain JSON data; never throws. */
export const redact = (value: unknown, options?: RedactionOptions): Json => {
  try {
    return toJsonSafe(value, options ? redactionPolicy(options) : defaultPolicy);
  } catch {
    return redactedMarker;
  }
};
