/**
 * The request path the middleware writes by itself, with what it can carry removed: the query string and
 * fragment (REST and ALB paths may have one glued on; the record's `path` is a path), path segments the route
 * template names with a secret parameter (`/reset/{token}`, `/{proxy+}` as `{token+}`), the tokens that follow a
 * sensitive word (`/reset/…`, `/magic-link/…`, `/verify/email/…`, `/invite/…`, `/unsubscribe/…`), and, per
 * segment, whatever the text rules find (matrix parameters `;jsessionid=…`, JWTs, `%40`-encoded emails).
 */
import { normaliseKey, redactedMarker, secretString, type Verdict } from './secret-keys';

interface PathRules {
  readonly judge: (key: string) => Verdict;
  readonly text: (value: string) => string;
}

const sensitiveWords = new Set(
  (
    'reset forgot recover recovery magic magiclink login signin verify verification validate validation confirm ' +
    'confirmation activate activation invite invitation unsubscribe optout token session auth otp mfa sso share ' +
    'key apikey secret password passwordless jwt link redeem approve onetime'
  ).split(' '),
);
/** Segments starting or ending like these are sensitive too (`reset-password`, `verify-email`, `magic-link`). */
const sensitiveStarts = 'reset forgot recover magic verif confirm activat invit unsubscri passwordless'.split(
  ' ',
);
const sensitiveEnds = 'link reset verify confirm token invite session'.split(' ');
/**
 * Route words that may follow a sensitive word (`/verify/email/…`, `/invite/…/accept`); any other segment there
 * is taken for a token, even a lower-case one (fail closed).
 */
const routeWords = new Set(
  (
    'new old current request requests start begin complete done finish success failure failed error expired ' +
    'invalid status accept accepted decline reject cancel confirm confirmed resend send submit check callback ' +
    'redirect email emails phone sms mobile device code link page form view show edit update delete remove ' +
    'list all me self user users account accounts api json html preview settings help info'
  ).split(' '),
);
const versionWord = /^v\d{1,2}$/;
/** How many segments after a sensitive word may carry its token (`/verify/email/<token>`). */
const tokenWindow = 2;

const isSensitive = (segment: string, judge: PathRules['judge']): boolean => {
  // a matrix parameter (`shop;jsessionid=…`) is judged by the text rules, not as the segment's name
  const matrix = segment.indexOf(';');
  const name = matrix === -1 ? segment : segment.slice(0, matrix);
  const word = normaliseKey(name);
  if (word === '') return false;
  const singular = word.endsWith('s') ? word.slice(0, -1) : word;
  return (
    sensitiveWords.has(word) ||
    sensitiveWords.has(singular) ||
    sensitiveStarts.some((start) => word.startsWith(start)) ||
    sensitiveEnds.some((end) => singular.endsWith(end)) ||
    (judge(name) & secretString) !== 0
  );
};

const isToken = (segment: string): boolean =>
  segment !== '' && segment !== redactedMarker && !routeWords.has(segment) && !versionWord.test(segment);

/** `{token}` is the parameter `token`, `{proxy+}` the greedy `proxy`; any other segment is a literal. */
const parameterOf = (part: string): { readonly name: string; readonly greedy: boolean } | undefined => {
  if (part.length < 3 || part.charCodeAt(0) !== 123 || part.charCodeAt(part.length - 1) !== 125)
    return undefined;
  const greedy = part.charCodeAt(part.length - 2) === 43;
  return { name: part.slice(1, greedy ? -2 : -1), greedy };
};

/** How many leading segments (a stage, a base-path mapping) may come before a greedy template's literals. */
const maxPrefix = 4;

/**
 * Redacts the segments a template parameter with a secret name covers, when the template fits the path: as a
 * suffix of it (`/prod/reset/x` for `/reset/{token}`), or after a short prefix when the template ends greedy.
 */
const redactTemplated = (segments: string[], template: string, judge: PathRules['judge']): void => {
  const parts = template.split('/').filter((part) => part !== '');
  const parameters = parts.map(parameterOf);
  const greedy = parameters.findIndex((parameter) => parameter?.greedy === true);
  const fixed = greedy === -1 ? parts.length : greedy;
  // a trailing slash adds an empty segment no template names
  const end =
    segments.length > 1 && segments[segments.length - 1] === '' ? segments.length - 1 : segments.length;
  const offsets: number[] = [];
  if (greedy === -1) offsets.push(end - parts.length);
  else for (let offset = 1; offset <= Math.min(maxPrefix, end - fixed - 1); offset++) offsets.push(offset);
  for (const offset of offsets) {
    if (offset < 1) continue;
    const fits = parts
      .slice(0, fixed)
      .every((part, k) => parameters[k] !== undefined || segments[offset + k] === part);
    if (!fits) continue;
    parameters.forEach((parameter, k) => {
      if (parameter === undefined || (judge(parameter.name) & secretString) === 0) return;
      const last = k === greedy ? end : offset + k + 1;
      for (let s = offset + k; s < last; s++) segments[s] = redactedMarker;
    });
    return;
  }
};

/**
 * The templates recent paths were matched with: a handler that logs its whole event writes the path again
 * (`rawPath`, `requestContext.http.path`) where no template is at hand, and it must be redacted the same way.
 * Bounded, and only a routing fact: which template a path matched.
 */
const templates = new Map<string, string>();
const templateLimit = 256;
const rememberedPath = 512;

/** Remembers that `path` matched `template`, so the path is redacted by it wherever it is written later. */
export const rememberTemplate = (path: string, template: string | undefined): void => {
  if (template === undefined || path.length > rememberedPath || !template.includes('{')) return;
  if (templates.get(path) === template) return;
  if (templates.size >= templateLimit) templates.clear();
  templates.set(path, template);
};

/** The template to redact `path` with: the one given, else the one it was last matched with. */
export const templateFor = (path: string, template: string | undefined): string | undefined => {
  if (template !== undefined) {
    rememberTemplate(path, template);
    return template;
  }
  return templates.size === 0 ? undefined : templates.get(path);
};

/** `path` as the record may show it, given the route template the platform matched (if any). */
export const redactPathWith = (path: string, template: string | undefined, rules: PathRules): string => {
  const query = path.indexOf('?');
  const fragment = path.indexOf('#');
  const cut = query === -1 ? fragment : fragment === -1 ? query : Math.min(query, fragment);
  const segments = (cut === -1 ? path : path.slice(0, cut)).split('/');
  if (template?.includes('{')) redactTemplated(segments, template, rules.judge);
  let window = 0;
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s] as string;
    if (segment === redactedMarker) continue;
    if (isSensitive(segment, rules.judge)) {
      segments[s] = rules.text(segment);
      window = tokenWindow;
      continue;
    }
    segments[s] = window > 0 && isToken(segment) ? redactedMarker : rules.text(segment);
    if (window > 0) window--;
  }
  return segments.join('/');
};
