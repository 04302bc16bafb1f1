/**
 * The redaction walk of what arrives as data rather than text: JSON bodies (also inside JSON strings), base64
 * bodies, name/value pairs, argv lists and request paths in a logged event. A JSON body is parsed and walked
 * with the same verdicts as a logged object; past `maxJsonDepth` levels it is cut (`[MaxDepth]`), and a walk that
 * fails yields the marker: never the raw text.
 */
import { type Json, setOwn } from './safe-serialize';
import { kindOf, redactedMarker, secretString, type Verdict } from './secret-keys';
import { redactText, type TextRules } from './text-redaction';

export interface RedactionContext {
  /** Verdicts (and roles) of object keys; the text rules judge keys found in text with their own memo. */
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

export const redactString = (text: string, ctx: RedactionContext, depth: number): string => {
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
const redactBase64Body = (body: string, ctx: RedactionContext): string => {
  const decoded = Buffer.from(body, 'base64').toString('utf8');
  const redacted = redactString(decoded, ctx, 0);
  return redacted === decoded ? body : Buffer.from(redacted, 'utf8').toString('base64');
};

/** A base64 body flag: `isBase64Encoded` (API Gateway, ALB, Function URL), `is_base64_encoded` (VPC Lattice v1). */
const isBase64Body = (owner: object): boolean =>
  (owner as { isBase64Encoded?: unknown }).isBase64Encoded === true ||
  (owner as { is_base64_encoded?: unknown }).is_base64_encoded === true;

/** What an exact key is, besides secret or not: memoised with its verdict, so a record's keys cost one lookup. */
const pairValueRole = 8;
const pathRole = 16;
const bodyRole = 32;
export const roleOf = (key: string): number =>
  key === 'value' || key === 'Value' || key === 'ParameterValue'
    ? pairValueRole
    : key === 'path' || key === 'rawPath' || key === 'raw_path'
      ? pathRole
      : key === 'body'
        ? bodyRole
        : 0;

/**
 * `{ name: "DB_PASSWORD", value: "…" }`: a name/value pair (CodeBuild and ECS environment variables, SES mail
 * headers, CloudFront headers, CloudFormation parameters) hides its secret under the harmless key `value`; the
 * pair's name decides.
 */
const isSecretPair = (item: unknown, owner: object, ctx: RedactionContext): boolean => {
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

/**
 * The replacement for `owner[key]`, or undefined when the value is walked as usual. Request paths in a logged
 * event (`rawPath`, `path`, `raw_path`) get the path rules, not only the text rules.
 */
export const replaced = (
  key: string,
  item: unknown,
  owner: object,
  ctx: RedactionContext,
): Json | undefined => {
  const verdict = ctx.judgeKey(key);
  if ((verdict & kindOf(item)) !== 0) return redactedMarker;
  if (verdict < pairValueRole) return undefined;
  if ((verdict & pairValueRole) !== 0) return isSecretPair(item, owner, ctx) ? redactedMarker : undefined;
  if (typeof item !== 'string') return undefined;
  if ((verdict & pathRole) !== 0) return item.charCodeAt(0) === 47 ? ctx.path(item, undefined) : undefined;
  return isBase64Body(owner) ? redactBase64Body(item, ctx) : undefined;
};

const flagName = /^--[A-Za-z0-9_.-]{1,64}$/;

/** `["--password", "x"]` (argv): the item after a secret flag is its value. */
export const afterSecretFlag = (item: unknown, previous: unknown, ctx: RedactionContext): boolean =>
  typeof previous === 'string' &&
  previous.charCodeAt(0) === 45 &&
  flagName.test(previous) &&
  (ctx.rules.judge(previous) & kindOf(item) & secretString) !== 0;

const redactJson = (value: Json, ctx: RedactionContext, depth: number): Json => {
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
