import fc from 'fast-check';

/**
 * Secret key names from the layer's promise (issues 2 and 10), as words, so each can be rendered in any case,
 * with any separator and with the Unicode tricks a normaliser must see through: `x-api-key`, `X_API_KEY`,
 * `xApiKey`, `XAPIKEY`, `x.api key`, `x\u200Bapi-key`, `ｘ－ａｐｉ－ｋｅｙ`...
 */
export const secretKeyWords: readonly (readonly string[])[] = [
  ['password'],
  ['passwd'],
  ['pass', 'phrase'],
  ['pass', 'code'],
  ['pw'],
  ['new', 'password'],
  ['secret'],
  ['token'],
  ['access', 'token'],
  ['refresh', 'token'],
  ['id', 'token'],
  ['authorization'],
  ['cookie'],
  ['set', 'cookie'],
  ['x', 'api', 'key'],
  ['api', 'key'],
  ['client', 'secret'],
  ['pin'],
  ['otp'],
  ['totp', 'code'],
  ['card', 'number'],
  ['cvv'],
  ['cvc2'],
  ['security', 'code'],
  ['social', 'security', 'number'],
  ['national', 'id', 'number'],
  ['connect', 'sid'],
  ['jsessionid'],
  ['phpsessid'],
  ['laravel', 'session'],
  ['session', 'id'],
  ['sid'],
  ['jwt'],
  ['bearer', 'token'],
  ['credentials'],
  ['client', 'assertion'],
  ['saml', 'response'],
  ['x', 'amzn', 'oidc', 'data'],
  ['signature'],
  ['x', 'amz', 'signature'],
  ['sig'],
  ['signing', 'key'],
  ['encryption', 'key'],
  ['master', 'key'],
  ['connection', 'string'],
  ['dsn'],
  ['database', 'url'],
  ['ocp', 'apim', 'subscription', 'key'],
];

/**
 * Ordinary names that must stay readable (negative controls): an S3 `key`, an error `code`, a `tokens` count and
 * the fields every API log has.
 */
export const ordinaryKeyWords: readonly (readonly string[])[] = [
  ['key'],
  ['code'],
  ['tokens'],
  ['status', 'code'],
  ['token', 'type'],
  ['expires', 'in'],
  ['error', 'code'],
  ['keyword'],
  ['monkey'],
  ['signature', 'version'],
  ['user'],
  ['order', 'id'],
  ['note'],
  ['route'],
];

type Separator = '-' | '_' | '.' | ' ' | '' | 'camel';
type Casing = 'lower' | 'upper' | 'title';
/** Unicode forms a key may take that NFKC and invisible-character removal must undo. */
type Disguise = 'none' | 'invisible' | 'fullwidth';

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

const renderKey = (words: readonly string[], separator: Separator, casing: Casing): string => {
  if (separator === 'camel') return words.map((w, i) => (i === 0 ? w : capitalise(w))).join('');
  const cased = words.map((w) =>
    casing === 'upper' ? w.toUpperCase() : casing === 'title' ? capitalise(w) : w,
  );
  return cased.join(separator);
};

/** Zero-width space, soft hyphen, word joiner, BOM, zero-width non-joiner. */
const invisibles = ['\u200B', '\u00AD', '\u2060', '\uFEFF', '\u200C'];

const disguise = (key: string, how: Disguise, at: number, invisible: string): string => {
  if (how === 'invisible') {
    const cut = 1 + (at % Math.max(1, key.length - 1));
    return `${key.slice(0, cut)}${invisible}${key.slice(cut)}`;
  }
  if (how === 'fullwidth') {
    // ASCII letters, digits and `-_.` to their fullwidth compatibility forms (NFKC maps them back)
    return [...key]
      .map((ch) => (ch > ' ' && ch <= '~' ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch))
      .join('');
  }
  return key;
};

interface KeyStyle {
  /** Separators allowed between words; a flag or an `&`-separated form cannot hold a space. */
  readonly separators?: readonly Separator[];
  readonly disguises?: readonly Disguise[];
}

const keyFrom = (words: fc.Arbitrary<readonly string[]>, style: KeyStyle = {}): fc.Arbitrary<string> =>
  fc
    .tuple(
      words,
      fc.constantFrom<Separator>(...(style.separators ?? ['-', '_', '', 'camel'])),
      fc.constantFrom<Casing>('lower', 'upper', 'title'),
      fc.constantFrom<Disguise>(...(style.disguises ?? ['none'])),
      fc.nat(),
      fc.constantFrom(...invisibles),
    )
    .map(([w, separator, casing, how, at, invisible]) =>
      disguise(renderKey(w, separator, casing), how, at, invisible),
    );

/** A secret key name in a random case and separator style (and, when asked, a Unicode disguise). */
export const secretKey = (style?: KeyStyle): fc.Arbitrary<string> =>
  keyFrom(fc.constantFrom(...secretKeyWords), style);

/** An ordinary key name, rendered the same ways: its value must stay visible. */
export const ordinaryKey = (style?: KeyStyle): fc.Arbitrary<string> =>
  keyFrom(fc.constantFrom(...ordinaryKeyWords), style);

/** Disjoint alphabets, so a secret's random part can never be found inside a visible value. */
const secretUnit = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789');
const visibleUnit = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');

/** Recognisable values: `S3cr3t-<12 random chars>` for secrets, `Visible-<...>` for what must stay visible. */
export const tagged = (tag: 'S3cr3t' | 'Visible'): fc.Arbitrary<string> =>
  fc
    .string({ unit: tag === 'S3cr3t' ? secretUnit : visibleUnit, minLength: 12, maxLength: 12 })
    .map((suffix) => `${tag}-${suffix}`);

/** Keys that are not secret, used to nest objects. */
const containerKey = fc.constantFrom(
  'data',
  'meta',
  'payload',
  'details',
  'items',
  'config',
  'profile',
  'Nested',
);

/**
 * A path from the root to where a secret sits: each step is an object key or an array (depth 0 to 6), so
 * secrets end up at random depth, inside arrays as well as objects.
 */
export const nestingPath = (): fc.Arbitrary<readonly (string | null)[]> =>
  fc.array(fc.option(containerKey, { nil: null, freq: 3 }), { maxLength: 6 });

/** Wraps `leaf` along `path`: a key makes `{ key: ... }`, null makes `[noise, ...]`. */
export const nest = (path: readonly (string | null)[], leaf: Record<string, unknown>): unknown =>
  path.reduceRight<unknown>(
    (inner, step) => (step === null ? [1, 'filler', inner] : { [step]: inner }),
    leaf,
  );
