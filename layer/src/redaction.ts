/**
 * Secrets never reach a record: values under secret keys (`secret-keys.ts`) become "[REDACTED]" at any depth,
 * including inside JSON, form-urlencoded and base64 request bodies, query strings, cookie arrays and name/value
 * pairs; secrets inside any text are found by the text rules (`text-redaction.ts`); email addresses are masked.
 * Fail closed: a JSON body nested too deep, or one whose walk fails, is cut or replaced, never written raw.
 */
import { redactPathWith, templateFor } from './path-redaction';
import { type Json, type JsonPolicy, setOwn, toJsonSafe } from './safe-serialize';
import { keyVerdicts, kindOf, normaliseKey, redactedMarker, secretString, type Verdict } from './secret-keys';
import { redactText, type TextRules } from './text-redaction';

export { maskEmail } from './email-mask';
export { redactedMarker } from './secret-keys';

export interface RedactionOptions {
  /** Extra key names to redact, matched like the built-in ones (any case, separators and invisible characters ignored). */
  readonly keys?: readonly string[];
  /** Mask email addresses in strings (default true). */
  readonly maskEmails?: boolean;
}

/** The policy `toJsonSafe` applies, plus the path rule the middleware uses for the `path` it writes itself. */
export interface RedactionPolicy extends JsonPolicy {
  /** `path` without its query and with secret segments redacted; `template` is the matched route, if any. */
  path(path: string, template?: string): string;
}

interface Context {
  /** Verdicts for object keys and for keys found in text, memoised apart so text noise cannot evict real keys. */
  readonly judgeKey: (key: string) => Verdict;
  readonly rules: TextRules;
  readonly path: (path: string, template: string | undefined) => string;
}

/** How deep a JSON text (bodies, JSON inside JSON strings) is walked; deeper parts become `[MaxDepth]`. */
const maxJsonDepth = 32;
const tooDeep = '[MaxDepth]';

const parseJson = (text: string): Json | undefined => {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
};

const redactString = (text: string, ctx: Context, depth: number): string => {
  const first = text.charCodeAt(0);
  // `{` or `[`, possibly after (any Unicode) whitespace: a JSON body logged as a string is still a body full of keys
  if (first === 123 || first === 91 || first <= 32 || first >= 128) {
    const trimmed = text.trim();
    const open = trimmed.charCodeAt(0);
    const parsed = open === 123 || open === 91 ? parseJson(trimmed) : undefined;
    if (parsed !== undefined) {
      try {
        return JSON.stringify(redactJson(parsed, ctx, depth + 1));
      } catch {
        return redactedMarker;
      }
    }
  }
  return redactText(text, ctx.rules);
};

/** A base64 body (API Gateway `isBase64Encoded`) hides its keys from text redaction: decode, redact, re-encode. */
const redactBase64Body = (body: string, ctx: Context): string => {
  const decoded = Buffer.from(body, 'base64').toString('utf8');
  const redacted = redactString(decoded, ctx, 0);
  return redacted === decoded ? body : Buffer.from(redacted, 'utf8').toString('base64');
};

/** A base64 body flag: `isBase64Encoded` (API Gateway, ALB, Function URL), `is_base64_encoded` (VPC Lattice v1). */
const isBase64Body = (owner: object): boolean =>
  (owner as { isBase64Encoded?: unknown }).isBase64Encoded === true ||
  (owner as { is_base64_encoded?: unknown }).is_base64_encoded === true;

const pairValueKeys = new Set(['value', 'Value', 'ParameterValue']);

/**
 * `{ name: "DB_PASSWORD", value: "…" }`: a name/value pair (CodeBuild and ECS environment variables, SES mail
 * headers, CloudFront headers, CloudFormation parameters) hides its secret under the harmless key `value`; the
 * pair's name decides.
 */
const isSecretPair = (key: string, item: unknown, owner: object, ctx: Context): boolean => {
  if (!pairValueKeys.has(key)) return false;
  const pair = owner as {
    name?: unknown;
    Name?: unknown;
    key?: unknown;
    Key?: unknown;
    ParameterKey?: unknown;
  };
  const name = pair.name ?? pair.Name ?? pair.key ?? pair.Key ?? pair.ParameterKey;
  return typeof name === 'string' && (ctx.judgeKey(name) & kindOf(item)) !== 0;
};

/** Request paths in a logged event (`rawPath`, `path`, `raw_path`) get the path rules, not only the text rules. */
const pathKeys = new Set(['path', 'rawPath', 'raw_path']);

/** The replacement for `owner[key]`, or undefined when the value is walked as usual. */
const replaced = (key: string, item: unknown, owner: object, ctx: Context): Json | undefined => {
  if ((ctx.judgeKey(key) & kindOf(item)) !== 0 || isSecretPair(key, item, owner, ctx)) return redactedMarker;
  if (typeof item !== 'string') return undefined;
  if (pathKeys.has(key) && item.charCodeAt(0) === 47) return ctx.path(item, undefined);
  return key === 'body' && isBase64Body(owner) ? redactBase64Body(item, ctx) : undefined;
};

const flagName = /^--[A-Za-z0-9_.-]{1,64}$/;

/** `["--password", "x"]` (argv): the item after a secret flag is its value. */
const afterSecretFlag = (item: unknown, previous: unknown, ctx: Context): boolean =>
  typeof previous === 'string' &&
  previous.charCodeAt(0) === 45 &&
  flagName.test(previous) &&
  (ctx.rules.judge(previous) & kindOf(item) & secretString) !== 0;

const redactJson = (value: Json, ctx: Context, depth: number): Json => {
  if (typeof value === 'string') return redactString(value, ctx, depth);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= maxJsonDepth) return tooDeep;
  if (Array.isArray(value)) {
    return value.map((item, i) =>
      i > 0 && afterSecretFlag(item, value[i - 1], ctx) ? redactedMarker : redactJson(item, ctx, depth + 1),
    );
  }
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value)) {
    const item = value[key] as Json;
    setOwn(out, key, replaced(key, item, value, ctx) ?? redactJson(item, ctx, depth + 1));
  }
  return out;
};

/** Paths repeat (health checks, fixed routes); their redacted form is remembered (bounded). */
const pathMemoLimit = 256;
const memoisablePath = 512;

/**
 * The redaction policy for `toJsonSafe`: secret keys, base64 bodies and strings are redacted in the same walk
 * that makes the data JSON-safe. Build it once per configuration (it memoises key verdicts).
 */
export const redactionPolicy = (options?: RedactionOptions): RedactionPolicy => {
  const extra = new Set((options?.keys ?? []).map(normaliseKey));
  const rules: TextRules = { judge: keyVerdicts(extra), maskEmails: options?.maskEmails !== false };
  const pathRules = { judge: rules.judge, text: (segment: string) => redactText(segment, rules) };
  const paths = new Map<string, string>();
  const path = (value: string, given: string | undefined): string => {
    const template = templateFor(value, given);
    const memoKey = `${template ?? ''} ${value}`;
    let redacted = paths.get(memoKey);
    if (redacted === undefined) {
      redacted = redactPathWith(value, template, pathRules);
      if (memoKey.length <= memoisablePath) {
        if (paths.size >= pathMemoLimit) paths.clear();
        paths.set(memoKey, redacted);
      }
    }
    return redacted;
  };
  const ctx: Context = { judgeKey: keyVerdicts(extra), rules, path };
  return {
    replace: (key, item, owner) => replaced(key, item, owner, ctx),
    text: (value) => redactString(value, ctx, 0),
    listItem: (item, previous) => (afterSecretFlag(item, previous, ctx) ? redactedMarker : undefined),
    path,
  };
};

/** The built-in keys, emails masked: what `redact` and `redactPath` use when given no policy. */
export const defaultRedaction: RedactionPolicy = redactionPolicy();

/** A request path as a record may show it (see `RedactionPolicy.path`); never throws. */
export const redactPath = (
  path: string,
  template?: string,
  policy: RedactionPolicy = defaultRedaction,
): string => {
  try {
    return policy.path(path, template);
  } catch {
    return redactedMarker;
  }
};

/** Any value as redacted plain JSON data; never throws. */
export const redact = (value: unknown, options?: RedactionOptions): Json => {
  try {
    return toJsonSafe(value, options ? redactionPolicy(options) : defaultRedaction);
  } catch {
    return redactedMarker;
  }
};
