/**
 * Secrets never reach a record: values under secret keys (`secret-keys.ts`) become "[REDACTED]" at any depth,
 * including inside JSON, form-urlencoded and base64 request bodies, query strings, cookie arrays and name/value
 * pairs; secrets inside any text are found by the text rules (`text-redaction.ts`); email addresses are masked.
 * Fail closed: a JSON body nested too deep, or one whose walk fails, is cut or replaced, never written raw.
 */
import { afterSecretFlag, type RedactionContext, redactString, replaced, roleOf } from './body-redaction';
import { redactPathWith, templateFor } from './path-redaction';
import { type Json, type JsonPolicy, toJsonSafe } from './safe-serialize';
import { keyVerdicts, normaliseKey, redactedMarker } from './secret-keys';
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

/** Paths repeat (health checks, fixed routes); their redacted form is remembered (bounded). */
const pathMemoLimit = 256;
const memoisablePath = 512;
/** How many recent clean strings (of at most `memoisableText` characters) a policy remembers. */
const recentClean = 8;
const memoisableText = 256;

/**
 * The redaction policy for `toJsonSafe`: secret keys, base64 bodies and strings are redacted in the same walk
 * that makes the data JSON-safe. Build it once per configuration (it memoises key verdicts).
 */
export const redactionPolicy = (options?: RedactionOptions): RedactionPolicy => {
  const extra = new Set((options?.keys ?? []).map(normaliseKey));
  const rules: TextRules = { judge: keyVerdicts(extra), maskEmails: options?.maskEmails !== false };
  const pathRules = { judge: rules.judge, text: (segment: string) => redactText(segment, rules) };
  const paths = new Map<string, { readonly template: string | undefined; readonly redacted: string }>();
  const path = (value: string, given: string | undefined): string => {
    const template = templateFor(value, given);
    const known = paths.get(value);
    if (known !== undefined && known.template === template) return known.redacted;
    const redacted = redactPathWith(value, template, pathRules);
    if (value.length <= memoisablePath) {
      if (paths.size >= pathMemoLimit) paths.clear();
      paths.set(value, { template, redacted });
    }
    return redacted;
  };
  const ctx: RedactionContext = { judgeKey: keyVerdicts(extra, roleOf), rules, path };
  // Every record repeats a few short strings (method, route, user agent, source IP): remember the last ones
  // found clean, so each is scanned once, not once per request and record.
  const clean: string[] = new Array<string>(recentClean).fill('');
  let slot = 0;
  const text = (value: string): string => {
    const short = value.length <= memoisableText;
    if (short) for (let i = 0; i < recentClean; i++) if (clean[i] === value) return value;
    const redacted = redactString(value, ctx, 0);
    if (short && redacted === value) {
      clean[slot] = value;
      slot = (slot + 1) % recentClean;
    }
    return redacted;
  };
  return {
    replace: (key, item, owner) => replaced(key, item, owner, ctx),
    text,
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
