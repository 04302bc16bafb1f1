/**
 * Secrets written as a key and a value inside free text: `password=x`, `password = x`, `password: x`,
 * `"password":"x"` (JSON after leading text, escaped JSON inside a JSON string), `user[password]=x`, `a=1; sid=x`,
 * `pass phrase: x`, `--password x`, `Authorization: Bearer x`, `Cookie: a=b; c=d`. The key decides, with the same
 * verdicts as object keys (so `status_code: 500` stays). One pass: a key is read backwards from each `=` or `:`
 * (at most three words of 64 characters) and a redacted value is skipped, so a 200 KB text costs linear time.
 */
import { redactedMarker, secretNumber, secretObject, secretString, type Verdict } from './secret-keys';

const tab = 9;
const lf = 10;
const cr = 13;
const space = 32;
const dq = 34;
const sq = 39;
const bt = 96;
const dash = 45;
const colon = 58;
const equals = 61;
const gt = 62;
const slash = 47;
const backslash = 92;
const comma = 44;
const maxWord = 64;

const isSpace = (c: number): boolean => c === space || c === tab;
const isQuote = (c: number): boolean => c === dq || c === sq || c === bt;

/** ASCII character classes as bits of a table; anything non-ASCII (already NFKC-normalised) is a letter. */
const keyBit = 1;
const wordBit = 2;
const endsAfterEquals = 4;
const endsAfterColon = 8;
const classes = new Uint8Array(128);
const mark = (chars: string, bits: number): void => {
  for (let i = 0; i < chars.length; i++) classes[chars.charCodeAt(i)] |= bits;
};
mark('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', keyBit | wordBit);
// `user[password]`, `x.api-key`, `pass+phrase` (a form-encoded blank)
mark('_-.+[]', keyBit);
// a bare value after `=` ends at a blank (or control character), a quote, `& ; , #`, a closing bracket, `< >`, `\`;
// after a colon it may hold blanks (`pass phrase: correct horse`) and ends at the line or a list separator
for (let c = 0; c <= space; c++) classes[c] |= endsAfterEquals;
mark('"\'`&;,#)]}<>\\', endsAfterEquals);
mark('\n\r"\'`&;,)]}\\', endsAfterColon);

const isKeyChar = (c: number): boolean => c >= 128 || ((classes[c] ?? 0) & keyBit) !== 0;
const isWordChar = (c: number): boolean => c >= 128 || ((classes[c] ?? 0) & wordBit) !== 0;
const endsValue = (c: number, after: number): boolean => c < 128 && ((classes[c] ?? 0) & after) !== 0;

/** Values that are a whole header line: everything up to the end of the line is the secret. */
const lineKeys = new Set(['authorization', 'proxyauthorization', 'cookie', 'setcookie']);
const authScheme =
  /(?:Bearer|Basic|Digest|Negotiate|NTLM|AWS4-HMAC-SHA256|Token|OAuth|SharedKey|SharedAccessSignature|HOBA|Mutual|SCRAM-SHA-\d+)[ \t]/iy;
const nonLetters = /[^a-z]/g;
const plainNumber = /^-?\d+(?:\.\d+)?$/;

interface Key {
  readonly verdict: Verdict;
  readonly name: string;
  /** The quote around the key (0 for none) and the backslashes before it (escaped JSON inside a string). */
  readonly quote: number;
  readonly escapes: number;
}

type Judge = (key: string) => Verdict;

/** The key written just before the separator at `at`, if it is secret (one to three space-separated words). */
const keyBefore = (text: string, at: number, judge: Judge): Key | undefined => {
  let j = at - 1;
  for (let n = 0; n < 8 && j >= 0 && isSpace(text.charCodeAt(j)); n++) j--;
  let quote = 0;
  let escapes = 0;
  if (j >= 0 && isQuote(text.charCodeAt(j))) {
    quote = text.charCodeAt(j);
    j--;
    while (j >= 0 && text.charCodeAt(j) === backslash) {
      escapes++;
      j--;
    }
  }
  const end = j + 1;
  while (j >= 0 && end - j <= maxWord && isKeyChar(text.charCodeAt(j))) j--;
  if (j + 1 === end) return undefined;
  let name = text.slice(j + 1, end);
  let verdict = judge(name);
  // `card number: x`, `pass phrase = x`, `national id number: x`: plain words only (`[auth] code` is no phrase)
  for (let words = 1; verdict === 0 && words < 3; words++) {
    if (j < 1 || text.charCodeAt(j) !== space || !isWordChar(text.charCodeAt(j - 1))) break;
    const wordEnd = j;
    j--;
    while (j >= 0 && wordEnd - j <= maxWord && isWordChar(text.charCodeAt(j))) j--;
    if (j >= 0 && isKeyChar(text.charCodeAt(j))) break;
    name = `${text.slice(j + 1, wordEnd)} ${name}`;
    verdict = judge(name);
  }
  return verdict === 0 ? undefined : { verdict, name, quote, escapes };
};

/** The closing quote `q` at escape level `level` (0 plain, 1 inside a JSON string...), or -1. */
const closingQuote = (text: string, from: number, q: string, level: number): number => {
  for (let i = text.indexOf(q, from); i !== -1; i = text.indexOf(q, i + 1)) {
    let run = 0;
    while (text.charCodeAt(i - run - 1) === backslash) run++;
    if (run % (2 * (level + 1)) === level) return i;
  }
  return -1;
};

/** The end of the `{...}` or `[...]` starting at `from` (the text's end if it never closes). */
const structureEnd = (text: string, from: number): number => {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && --depth === 0) return i + 1;
  }
  return text.length;
};

/** The end of a header line: a line break, a quote, or an escaped line break or quote inside a JSON string. */
const lineEnd = (text: string, from: number): number => {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === lf || c === cr || c === dq) return i;
    if (c === backslash) {
      const next = text.charCodeAt(i + 1);
      if (next === 110 || next === 114 || next === dq) return i;
    }
  }
  return text.length;
};

/** A value span to replace: `[start, end)` becomes `marker`. */
type Span = readonly [start: number, end: number, marker: string];

/**
 * The secret value starting at (or after blanks from) `from`, if the key's verdict covers its kind; `header` when
 * the separator was a colon.
 */
const valueAt = (text: string, from: number, key: Key, header: boolean): Span | undefined => {
  let p = from;
  for (let n = 0; n < 8 && p < text.length && isSpace(text.charCodeAt(p)); n++) p++;
  if (p >= text.length) return undefined;
  let level = 0;
  while (text.charCodeAt(p + level) === backslash) level++;
  const c = text.charCodeAt(p + level);
  if (isQuote(c)) {
    if ((key.verdict & secretString) === 0) return undefined;
    const open = p + level;
    const close = closingQuote(text, open + 1, text.charAt(open), level);
    return [open + 1, close === -1 ? text.length : close - level, redactedMarker];
  }
  if (c === 123 || c === 91) {
    if ((key.verdict & secretObject) === 0) return undefined;
    const quote = key.quote === 0 ? '' : '\\'.repeat(key.escapes) + String.fromCharCode(key.quote);
    return [p, structureEnd(text, p + level), `${quote}${redactedMarker}${quote}`];
  }
  authScheme.lastIndex = p;
  const scheme = authScheme.test(text);
  // `Authorization: Basic x` and `Cookie: a=b; c=d` are header lines; `cookie=x&y=1` is a form field
  if (header && (scheme || lineKeys.has(key.name.toLowerCase().replace(nonLetters, '')))) {
    return [p, lineEnd(text, p), redactedMarker];
  }
  if (scheme) p = authScheme.lastIndex;
  const after = header ? endsAfterColon : endsAfterEquals;
  let end = p;
  while (end < text.length && !endsValue(text.charCodeAt(end), after)) end++;
  if (end === p) return undefined;
  const value = end - p <= 24 ? text.slice(p, end) : '';
  if (value === 'true' || value === 'false' || value === 'null') return undefined;
  const kind = plainNumber.test(value) ? secretNumber : secretString;
  return (key.verdict & kind) === 0 ? undefined : [p, end, redactedMarker];
};

/** `--password x`, `--password "x y"` and argv as JSON (`"--password","x"`); `--password=x` is a key=value. */
const flagValue = (text: string, at: number, judge: Judge): Span | undefined => {
  let end = at + 2;
  while (end < text.length && end - at <= maxWord && isKeyChar(text.charCodeAt(end))) end++;
  if (end === at + 2) return undefined;
  const name = text.slice(at, end);
  const verdict = judge(name);
  if ((verdict & secretString) === 0) return undefined;
  let p = end;
  const closing = text.charCodeAt(p);
  if (isQuote(closing)) {
    // a quoted flag in a list: the value is the next quoted item
    p++;
    while (isSpace(text.charCodeAt(p))) p++;
    if (text.charCodeAt(p) !== comma) return undefined;
    p++;
  } else if (!isSpace(closing)) {
    return undefined;
  }
  while (isSpace(text.charCodeAt(p))) p++;
  if (text.charCodeAt(p) === dash) return undefined;
  return valueAt(text, p, { verdict: verdict & secretString, name, quote: 0, escapes: 0 }, false);
};

const startsFlag = (text: string, i: number): boolean => {
  if (text.charCodeAt(i + 1) !== dash) return false;
  if (i === 0) return true;
  const before = text.charCodeAt(i - 1);
  return before <= space || isQuote(before) || before === 40 || before === 91 || before === equals;
};

/** `text` with the value of every secret key replaced by the marker. */
export const redactKeyValues = (text: string, judge: Judge): string => {
  let out = '';
  let last = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    let span: Span | undefined;
    if (c === equals || c === colon) {
      const next = text.charCodeAt(i + 1);
      // `://` is a URL (user-info has its own rule), `::` an IPv6 address or a C++ scope
      if (c === equals || (next !== slash && next !== colon)) {
        const key = keyBefore(text, i, judge);
        if (key !== undefined) {
          const skip = c === equals && (next === gt || next === equals) ? 2 : 1;
          span = valueAt(text, i + skip, key, c === colon);
        }
      }
    } else if (c === dash && startsFlag(text, i)) {
      span = flagValue(text, i, judge);
    }
    if (span === undefined || span[1] <= span[0]) {
      i++;
      continue;
    }
    out += text.slice(last, span[0]) + span[2];
    last = span[1];
    i = span[1];
  }
  return last === 0 ? text : out + text.slice(last);
};
