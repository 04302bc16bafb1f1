/**
 * Email addresses masked whole: `o'brien.jane+tag@example.com` becomes `o***@example.com`, still groupable by
 * domain, no longer personal. The local part may hold dots, apostrophes, plus tags and percent escapes, the `@`
 * may be percent-encoded (`jane%40example.com` in a path or query), and a dotless domain (`admin@intranet`) counts
 * as long as it is a word; `pkg@1.2.3` and `node@24` are versions, not addresses.
 */
import { unicodePattern } from './unicode-pattern';

// The lookbehind lets a match start only where a local part starts: without it a long run of letters with no `@` is
// rescanned from every position (quadratic on a 200 KB body).
const emailPattern = unicodePattern(
  "(?<![\\p{L}\\p{N}._%+'’-])([\\p{L}\\p{N}._%+'’-]+)(@|%40)([\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*)",
  'gu',
);
const topLevel = unicodePattern('^\\p{L}{2,}$', 'u');
const dotless = unicodePattern('^\\p{L}[\\p{L}-]*\\p{L}$', 'u');
const trailing = /[.-]+$/;

const masked = (match: string, local: string, at: string, rawDomain: string): string => {
  const tail = trailing.exec(rawDomain)?.[0] ?? '';
  const domain = tail === '' ? rawDomain : rawDomain.slice(0, -tail.length);
  const dot = domain.lastIndexOf('.');
  const isAddress = dot === -1 ? dotless().test(domain) : topLevel().test(domain.slice(dot + 1));
  return isAddress ? `${String.fromCodePoint(local.codePointAt(0) ?? 42)}***${at}${domain}${tail}` : match;
};

/** Every email address in `value` masked; text without `@` is returned as is. */
export const maskEmail = (value: string): string =>
  value.includes('@') || value.includes('%40') ? value.replace(emailPattern(), masked) : value;
