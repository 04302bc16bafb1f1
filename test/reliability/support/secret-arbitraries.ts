import fc from 'fast-check';

/**
 * Secret key names from the layer's promise (issue 2), as words, so each can be rendered in any case and with
 * any separator: `x-api-key`, `X_API_KEY`, `xApiKey`, `XAPIKEY`...
 */
const secretKeyWords: readonly (readonly string[])[] = [
  ['password'],
  ['passwd'],
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
];

type Separator = '-' | '_' | '' | 'camel';
type Casing = 'lower' | 'upper' | 'title';

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

const renderKey = (words: readonly string[], separator: Separator, casing: Casing): string => {
  if (separator === 'camel') return words.map((w, i) => (i === 0 ? w : capitalise(w))).join('');
  const cased = words.map((w) =>
    casing === 'upper' ? w.toUpperCase() : casing === 'title' ? capitalise(w) : w,
  );
  return cased.join(separator);
};

/** A secret key name in a random case and separator style. */
export const secretKey = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom(...secretKeyWords),
      fc.constantFrom<Separator>('-', '_', '', 'camel'),
      fc.constantFrom<Casing>('lower', 'upper', 'title'),
    )
    .map(([words, separator, casing]) => renderKey(words, separator, casing));

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
