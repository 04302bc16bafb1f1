import type { Value } from './values';

/**
 * "CloudWatch Logs Insights can extract a maximum of 200 log event fields from a JSON log": leaves past the
 * 200th (in document order) are not discovered.
 */
export const MAX_JSON_FIELDS = 200;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** A discovered leaf: strings and numbers as they are, booleans as 1/0; null, objects and arrays are no field. */
const leaf = (value: unknown): Value => {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : undefined;
    case 'boolean':
      return value ? 1 : 0;
    default:
      return undefined;
  }
};

/**
 * The object a message's fields come from: the whole message when it is a JSON object, else the first embedded
 * JSON object fragment (how Lambda's text-format lines carry a JSON payload after their prefix).
 */
export const discoverJson = (message: string): Json | undefined => {
  const open = message.indexOf('{');
  if (open < 0) return undefined;
  const close = message.lastIndexOf('}');
  if (close < open) return undefined;
  try {
    const parsed: unknown = JSON.parse(
      open === 0 && close === message.length - 1 ? message : message.slice(open, close + 1),
    );
    return isObject(parsed) && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
};

/** Counts leaves up to `limit + 1`: enough to know whether the field cap applies, without walking further. */
export const countLeaves = (value: unknown, limit: number): number => {
  if (!isObject(value)) return value === null || value === undefined ? 0 : 1;
  let count = 0;
  for (const key in value) {
    count += countLeaves(value[key], limit - count);
    if (count > limit) break;
  }
  return count;
};

/** Flattened `a.b.0.c` names to values, first `MAX_JSON_FIELDS` leaves only (used for oversized objects). */
export const flattenJson = (root: Json): Map<string, Value> => {
  const fields = new Map<string, Value>();
  const visit = (value: unknown, prefix: string): void => {
    if (fields.size >= MAX_JSON_FIELDS) return;
    if (isObject(value)) {
      for (const key in value) visit(value[key], prefix === '' ? key : `${prefix}.${key}`);
    } else if (value !== null && value !== undefined && !fields.has(prefix)) {
      fields.set(prefix, leaf(value));
    }
  };
  visit(root, '');
  return fields;
};

/**
 * The value of a flattened name in the object, without flattening it: `error.name` walks `error` then `name`;
 * array items are `items.0.id`; keys that themselves hold dots (`{"a.b": 1}`) are found by joining segments.
 */
export const lookupJson = (node: unknown, segments: readonly string[], from = 0): Value => {
  if (from === segments.length) return leaf(node);
  if (!isObject(node)) return undefined;
  let key = segments[from];
  for (let end = from + 1; ; end++) {
    if (Object.hasOwn(node, key)) {
      const found = lookupJson(node[key], segments, end);
      if (found !== undefined) return found;
    }
    if (end >= segments.length) return undefined;
    key = `${key}.${segments[end]}`;
  }
};
