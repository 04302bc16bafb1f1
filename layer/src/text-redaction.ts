/**
 * Secrets inside free text (error messages and stacks, log messages, any string field, paths, user agents):
 * key/value forms (`key-value-scan.ts`), URL user-info (`scheme://user:pass@host`), `Bearer`/`Basic` credentials,
 * JWT-shaped tokens anywhere, the input V8 quotes in a `JSON.parse` error, and email addresses. Text is judged in a
 * detection form: percent-escapes decoded, and, for non-ASCII text, NFKC-normalised with invisible characters
 * removed, so `pass%77ord=x`, `ｐａｓｓｗｏｒｄ＝x` and `pass\u200Bword=x` are seen for what they are. When nothing is
 * found the original text is returned untouched; otherwise its redacted detection form. Every rule is linear.
 */
import { maskEmail } from './email-mask';
import { redactKeyValues } from './key-value-scan';
import { redactedMarker, type Verdict } from './secret-keys';
import { unicodePattern } from './unicode-pattern';

export interface TextRules {
  readonly judge: (key: string) => Verdict;
  readonly maskEmails: boolean;
}

/**
 * Whether any rule can apply: a separator, `@`, `%`, a non-ASCII character, `--`, `eyJ`, or a credential or
 * JSON-error keyword. Most strings (methods, routes, user agents) have none, and two compiled scans answer faster
 * than any rule would.
 */
const triggers = /[=:@%\u0080-\uffff]|--|eyJ/;
const keywords = /bearer|basic|json/i;
const mayHoldSecret = (text: string): boolean => triggers.test(text) || keywords.test(text);

const percentRun = /(?:%[0-9A-Fa-f]{2})+/g;
const asciiEscape = /%([0-7][0-9A-Fa-f])/g;
const hasNonAscii = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 128) return true;
  return false;
};
const invisible = unicodePattern('\\p{Default_Ignorable_Code_Point}', 'gu');

const decodeRun = (run: string): string => {
  try {
    return decodeURIComponent(run);
  } catch {
    // not UTF-8 (a lone `%C3`): decode what is plain ASCII, which is where separators and keys live
    return run.replace(asciiEscape, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }
};

/** The text as the rules read it (twice decoded: `%253D` is an encoded `%3D`). */
const detectionForm = (text: string): string => {
  let form = text;
  for (let round = 0; round < 2 && form.includes('%'); round++) {
    const decoded = form.replace(percentRun, decodeRun);
    if (decoded === form) break;
    form = decoded;
  }
  if (!hasNonAscii(form)) return form;
  return form.normalize('NFKC').replace(invisible(), '');
};

/**
 * `Unexpected token 'p', "password=x" is not valid JSON` (Node 20+) and `"[object Object]" is not valid JSON`
 * quote up to 20 characters of the input around the error, `Unexpected token x in JSON at position 0` (older)
 * one: whatever JSON.parse was given may be a secret.
 */
const notValidJson = ' is not valid JSON';
const unexpectedToken = 'Unexpected token ';
const oldJsonError = /(Unexpected token ).{1,2}?( in JSON at position)/gu;

const quotedJsonInput = (text: string): string => {
  let out = '';
  let last = 0;
  for (let at = text.indexOf(notValidJson); at !== -1; at = text.indexOf(notValidJson, at + 1)) {
    const token = text.lastIndexOf(unexpectedToken, at);
    let start = token !== -1 && at - token <= 64 ? token + unexpectedToken.length : -1;
    if (start === -1) {
      // `"…" is not valid JSON`: the earliest quote within reach that starts a word
      const from = Math.max(last, at - 28);
      start = text.indexOf('"', from);
      if (start === -1 || start >= at) start = from;
    }
    if (start < last) continue;
    out += text.slice(last, start) + redactedMarker;
    last = at;
  }
  const partial = last === 0 ? text : out + text.slice(last);
  return partial.includes(' in JSON at position')
    ? partial.replace(oldJsonError, `$1${redactedMarker}$2`)
    : partial;
};

// The lookbehinds let a match start only where a word starts: without them a long run of letters is rescanned
// from every position (quadratic on a 200 KB body).
const userInfo = /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^\s/?#"'<>\\]*)@/g;
const tokenLike = /^[A-Za-z0-9._~%+-]{16,}$/;

/** `postgres://admin:pw@db` keeps its user; a user-info that is itself a token (`https://ghp_…@github.com`) goes. */
const redactUserInfo = (text: string): string =>
  text.replace(userInfo, (match, scheme: string, info: string) => {
    const colon = info.indexOf(':');
    if (colon !== -1) return `${scheme}${info.slice(0, colon)}:${redactedMarker}@`;
    return tokenLike.test(info) ? `${scheme}${redactedMarker}@` : match;
  });

// a token68 ends where token characters end; `Bearer expires_in=3600` is a key=value after the word, not a token
const credential = /(?<![A-Za-z0-9])(bearer|basic)([ \t]+)([A-Za-z0-9._~+/-]+=*)(?![A-Za-z0-9_~+/=-])/gi;
const tokenPunctuation = /[0-9._~+/=-]/;
const printable = /^[\x20-\x7e]+$/;

/** `Bearer abc.123` anywhere; `Basic` only when it is base64 of `user:password` (not "basic auth is off"). */
const redactCredentials = (text: string): string =>
  text.replace(credential, (match, scheme: string, gap: string, token: string) => {
    let secret: boolean;
    if (scheme.length === 6)
      secret = token.length >= 8 && (token.length >= 32 || tokenPunctuation.test(token));
    else {
      const decoded = Buffer.from(token, 'base64').toString('latin1');
      secret = decoded.includes(':') && printable.test(decoded);
    }
    return secret ? `${scheme}${gap}${redactedMarker}` : match;
  });

const jwt = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{2,}(?:\.[A-Za-z0-9_-]*){0,3}/g;

const applyRules = (text: string, rules: TextRules): string => {
  let out =
    text.includes(notValidJson) || text.includes(' in JSON at position') ? quotedJsonInput(text) : text;
  // key/value first: `DATABASE_URL=postgres://u:p@h/db` goes whole, other URLs lose their password after
  out = redactKeyValues(out, rules.judge);
  if (out.includes('://')) out = redactUserInfo(out);
  out = redactCredentials(out);
  if (out.includes('eyJ')) out = out.replace(jwt, redactedMarker);
  return rules.maskEmails ? maskEmail(out) : out;
};

/** `text` with every secret the rules recognise replaced by the marker (and emails masked). */
export const redactText = (text: string, rules: TextRules): string => {
  if (!mayHoldSecret(text)) return text;
  const form = detectionForm(text);
  const redacted = applyRules(form, rules);
  return redacted === form ? text : redacted;
};
