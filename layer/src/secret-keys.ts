/**
 * Which key names carry secrets, and for which kinds of value. A name is normalised first (NFKC, lower case,
 * every character that is not a letter or digit dropped: `-`, `_`, `.`, spaces, brackets and invisible characters
 * such as zero-width spaces, soft hyphens, word joiners or a BOM), so `X-Api-Key`, `x_api_key`, `ｘ－ａｐｉ－ｋｅｙ`
 * and `api\u200Bkey` are one name.
 *
 * A verdict is a set of value kinds. A boolean or null is never secret (one bit says nothing), and three shapes
 * of name are told apart:
 * - secret names (`password`, `client_secret`, `X-Amz-Signature`...): any string, number or object under them;
 * - names that are secret only as a scalar (`session`, `sid`, `pass`, `auth`): `session: "abc"` is a session id,
 *   `session: { user, token }` is an object whose own keys are judged;
 * - settings about a secret (`password_min_length`, `cookie_max_age`, `session_ttl`): only a string is hidden,
 *   a number stays readable.
 * Names that describe a secret rather than hold it (`signature_version`, `token_type`, `password_policy`,
 * `authorization_endpoint`) are not secret, nor are `key` (an S3 key), `code` (an error code) or `tokens` (a count).
 */

import { unicodePattern } from './unicode-pattern';

/** What a secret value is replaced with. */
export const redactedMarker = '[REDACTED]';

/** Bit set of the value kinds that are secret under a name. */
export type Verdict = number;
export const secretString = 1;
export const secretNumber = 2;
export const secretObject = 4;
const never: Verdict = 0;
const scalar: Verdict = secretString | secretNumber;
const always: Verdict = scalar | secretObject;

/** The kind of a value, as a verdict bit (0 for booleans, null and undefined). */
export const kindOf = (value: unknown): Verdict => {
  switch (typeof value) {
    case 'string':
      return secretString;
    case 'number':
    case 'bigint':
      return secretNumber;
    case 'object':
      return value === null ? never : secretObject;
    default:
      return never;
  }
};

const unicodeNoise = unicodePattern('[^\\p{L}\\p{N}]+', 'gu');

/** `X-Api-Key`, `x_api_key` and `ａｐｉ\u200Bｋｅｙ` all become `xapikey` / `apikey`. */
export const normaliseKey = (key: string): string => {
  let ascii = '';
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c >= 128) {
      return key.toLowerCase().normalize('NFKC').toLowerCase().replace(unicodeNoise(), '');
    }
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) ascii += key.charAt(i);
    else if (c >= 65 && c <= 90) ascii += String.fromCharCode(c + 32);
  }
  return ascii;
};

const words = (list: string): readonly string[] => list.split(' ');
const set = (list: string): ReadonlySet<string> => new Set(words(list));

const exactAlways = set(
  'pw pwd pin otp totp hotp cvv cvc cvv2 cvc2 cvn csc ssn dsn sig token secret cookie cookies ' +
    'pincode pinnumber pinblock cardpin userpin newpin oldpin currentpin atmpin mpin',
);
/** A `jwt` string is a token, a `jwt` object the claims an authorizer passed on (HTTP API `authorizer.jwt`). */
const exactScalar = set('session pass auth sid pan jwt bearer authheader basicauth proxyauth');
/** A name containing one of these is secret (`newPassword`, `aws_secret_access_key`, `x-amzn-oidc-data`). */
const fragments = words(
  'password passwd passphrase passcode passwort motdepasse contrasena contraseña pwd secret ' +
    'apikey authorization cookie privatekey privkey credential signature sessionid sessid cvv ' +
    'cvc cardnumber creditcard ccnumber cardnum socialsecurity socialinsurance nationalid ' +
    'nationalinsurance passportnumber assertion samlresponse oidcdata connectionstring ' +
    'connstring connstr codeverifier',
);
/** A name ending in one of these is secret (`csrf_token`, `id_jwt`, `email_otp`, `db_pw`, `sentry_dsn`). */
const suffixes = words('token jwt otp pw dsn');
/** `{stem}key`, `{stem}code` and `{stem}url` names are secret only for these stems. */
const keyStems = words(
  'api secret private priv signing sign encryption encrypt decryption decrypt master hmac aes ' +
    'rsa ssh gpg pgp session client subscription license licence shared symmetric wrapping ' +
    'crypto cipher jwt webhook app admin auth root merchant role restricted account sas',
);
const codeStems = words(
  'verification verify security auth reset activation recovery backup mfa otp sms twofactor ' +
    '2fa onetime login signin access invite magic device unlock card',
);
const urlStems = words(
  'database db postgres postgresql pg mongo mongodb redis mysql mariadb mssql sql amqp ' +
    'rabbitmq jdbc connection conn broker elasticsearch smtp ldap webhook presigned signed',
);
/** `bypass` and `compass` end in `pass` but are no passwords. */
const notPass = set('bypass compass overpass underpass trespass surpass encompass');
/** Names that describe a secret rather than hold it. */
const descriptors = words(
  'type types algorithm alg method methods scheme format policy name field endpoint url uri ' +
    'path domain samesite httponly secure enabled required version arn',
);
/** Settings about a secret: a number under them is a length or a duration, not the secret. */
const measures = words(
  'length len count maxage age ttl timeout expiresin expiresat expiry expiration expires ' +
    'duration size attempts retries limit',
);

const endsWithAny = (name: string, ends: readonly string[]): boolean =>
  ends.some((end) => name.endsWith(end));

/** `subscriptionkey`, `apikeys`, `resetcode`, `databaseurl`: a stem before a generic word. */
const compound = (name: string, word: string, stems: readonly string[]): boolean => {
  const plural = `${word}s`;
  const stem = name.endsWith(word)
    ? name.slice(0, -word.length)
    : name.endsWith(plural)
      ? name.slice(0, -plural.length)
      : undefined;
  return stem !== undefined && stem !== '' && endsWithAny(stem, stems);
};

const baseVerdict = (name: string): Verdict => {
  if (
    fragments.some((fragment) => name.includes(fragment)) ||
    endsWithAny(name, suffixes) ||
    name.startsWith('otp') ||
    compound(name, 'key', keyStems) ||
    compound(name, 'code', codeStems)
  ) {
    return always;
  }
  // `laravel_session`, `_myapp_session`, `connect.sid`: framework session cookies
  if (name.endsWith('session') || name.endsWith('sid')) return scalar;
  if (name.endsWith('pass') && !notPass.has(name)) return scalar;
  return never;
};

/** The verdict for a normalised name. */
const verdictOf = (name: string): Verdict => {
  if (exactAlways.has(name)) return always;
  if (exactScalar.has(name)) return scalar;
  // `database_url`, `mongo_uri`: a URL with credentials in it (a `token_url` is an endpoint, a descriptor)
  if (compound(name, 'url', urlStems) || compound(name, 'uri', urlStems)) return always;
  const base = baseVerdict(name);
  if (base === never || endsWithAny(name, descriptors)) return never;
  return endsWithAny(name, measures) ? secretString : base;
};

/** Records repeat the same few keys; remember the verdicts (bounded, so hostile keys cannot grow it). */
const memoLimit = 2048;

/**
 * The verdict of any raw key name, memoised; `extra` names (normalised) are secret for every kind of value, and
 * `roles` may add bits above the value kinds (8 and up) that the caller gives the exact key. A full memo starts over rather than freezing, so keys first seen late (or a flood of one-off ones) cannot make every
 * later lookup slow.
 */
export const keyVerdicts = (
  extra: ReadonlySet<string>,
  roles: (key: string) => number = () => 0,
): ((key: string) => Verdict) => {
  const memo = new Map<string, Verdict>();
  return (key) => {
    let verdict = memo.get(key);
    if (verdict === undefined) {
      const name = normaliseKey(key);
      verdict = (extra.has(name) ? always : verdictOf(name)) | roles(key);
      if (memo.size >= memoLimit) memo.clear();
      memo.set(key, verdict);
    }
    return verdict;
  };
};
