import fc from 'fast-check';
import { ordinaryKey, secretKey, tagged } from './secret-arbitraries';

/**
 * Free text that carries a value, in every form the layer promises to see through (issue 10): `key=value` with
 * `; `, `, `, a blank, `#`, `&` or a line break after it, `key = value`, `key: value`, a JSON fragment after
 * leading text, escaped JSON inside a JSON string, `--flag value`, `--flag=value`, a query glued to a URL,
 * percent-encoded text, fullwidth separators. `secretText` adds the forms that are secret whatever the key:
 * URL user-info, `Bearer`/`Basic` credentials, JWTs and the input V8 quotes in a `JSON.parse` error.
 */

const keyedForms = [
  'equals',
  'spaced-equals',
  'fullwidth-equals',
  'colon',
  'fullwidth-colon',
  'json-fragment',
  'escaped-json',
  'flag',
  'flag-equals',
  'query',
  'percent-encoded',
] as const;
type KeyedForm = (typeof keyedForms)[number];

const endings = ['; ', ', ', ' ', '#', '&', '\n', ''] as const;
const colonEndings = ['; ', ', ', '\n', ''] as const;

/** Leading and trailing prose, as error messages and log lines have it. */
const lead = fc.constantFrom(
  '',
  'request failed: ',
  'Error: upstream rejected ',
  'retrying with ',
  '[auth] ',
);
const trail = fc.constantFrom('', ' after 3 retries', ' (see logs)', '.');

const render = (form: KeyedForm, key: string, value: string, ending: string): string => {
  switch (form) {
    case 'equals':
      return `${key}=${value}${ending}`;
    case 'spaced-equals':
      return `${key} = ${value}${ending}`;
    case 'fullwidth-equals':
      return `${key}＝${value}${ending}`;
    case 'colon':
      return `${key}: ${value}${ending}`;
    case 'fullwidth-colon':
      return `${key}： ${value}${ending}`;
    case 'json-fragment':
      return `${JSON.stringify({ id: 7, [key]: value, ok: false })}${ending}`;
    case 'escaped-json':
      return JSON.stringify(JSON.stringify({ [key]: value }));
    case 'flag':
      return `cli --verbose --${key} ${value} --region eu-west-1`;
    case 'flag-equals':
      return `cli --${key}=${value} --region eu-west-1`;
    case 'query':
      return `GET https://api.example.com/cb?page=2&${encodeURIComponent(key)}=${value}&lang=en HTTP/1.1`;
    case 'percent-encoded':
      return `next=${encodeURIComponent(`/done?${key}=${value}&x=1`)}`;
  }
};

/** Flags and percent-encoded pairs cannot hold a blank in their key; the rest take every separator. */
const keyStyleFor = (form: KeyedForm) => ({
  separators:
    form === 'flag' || form === 'flag-equals'
      ? (['-', '_', '.', '', 'camel'] as const)
      : (['-', '_', '.', ' ', '', 'camel'] as const),
  disguises: ['none', 'invisible', 'fullwidth'] as const,
});

interface FormedText {
  readonly text: string;
  /** The value that must vanish (a secret) or stay (an ordinary value). */
  readonly value: string;
}

const keyedText = (
  keyOf: typeof secretKey,
  tag: 'S3cr3t' | 'Visible',
): fc.Arbitrary<FormedText & { readonly form: string }> =>
  fc.constantFrom(...keyedForms).chain((form) =>
    fc
      .record({
        key: keyOf(keyStyleFor(form)),
        value: tagged(tag),
        ending: fc.constantFrom<string>(...(form.includes('colon') ? colonEndings : endings)),
        lead,
        trail,
      })
      .map(({ key, value, ending, lead: before, trail: after }) => ({
        form,
        value,
        text: `${before}${render(form, key, value, ending)}${after}`,
      })),
  );

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

const unkeyedForms = ['user-info', 'authorization', 'bearer', 'basic', 'jwt', 'json-parse-error'] as const;

/** Parses `input` as JSON and returns V8's error message, which quotes the input. */
const jsonParseError = (input: string): string => {
  try {
    JSON.parse(input);
    return 'parsed';
  } catch (error) {
    return (error as Error).message;
  }
};

const unkeyedText: fc.Arbitrary<FormedText & { readonly form: string }> = fc
  .record({ form: fc.constantFrom(...unkeyedForms), value: tagged('S3cr3t'), lead, trail })
  .map(({ form, value, lead: before, trail: after }) => {
    const body = {
      'user-info': `postgres://app_user:${value}@db.internal:5432/orders`,
      authorization: `Authorization: Bearer ${value}`,
      bearer: `sent Bearer ${value} upstream`,
      basic: `header Basic ${Buffer.from(`app_user:${value}`).toString('base64')}`,
      jwt: `token ${base64url({ alg: 'HS256' })}.${base64url({ sub: value })}.c2lnbmF0dXJl`,
      'json-parse-error': jsonParseError(value),
    }[form];
    return { form, value, text: `${before}${body}${after}` };
  });

/** Text that carries a secret, in one of the forms above, with a secret key name in any rendering. */
export const secretText = (): fc.Arbitrary<FormedText & { readonly form: string }> =>
  fc.oneof({ weight: 3, arbitrary: keyedText(secretKey, 'S3cr3t') }, { weight: 1, arbitrary: unkeyedText });

/** The same key/value forms with an ordinary key (`status_code`, `token_type`, an S3 `key`): must stay. */
export const ordinaryText = (): fc.Arbitrary<FormedText & { readonly form: string }> =>
  keyedText(ordinaryKey, 'Visible');
