/**
 * Turns any value into plain JSON data that `JSON.stringify` cannot choke on: cycles, BigInt, Symbols,
 * functions, throwing getters, lone surrogates, Errors (with their cause chain), Maps, Sets and binary data.
 * Logging must never throw into a handler, so every odd case yields a readable placeholder instead.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const maxDepth = 12;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Lone UTF-16 surrogates are invalid in UTF-8 output; replace them with U+FFFD. */
export const wellFormed = (text: string): string => text.replace(loneSurrogate, '\uFFFD');

const describeFailure = (error: unknown): string => {
  try {
    return `[Unserializable: ${error instanceof Error ? error.message : String(error)}]`;
  } catch {
    return '[Unserializable]';
  }
};

/** `{ name, message, stack, cause }`, the Powertools error shape, plus a string `code` when present. */
const serializeError = (error: Error, seen: WeakSet<object>, depth: number): Json => {
  const out: { [key: string]: Json } = {
    name: wellFormed(String(error.name)),
    message: wellFormed(String(error.message)),
  };
  if (typeof error.stack === 'string') out.stack = wellFormed(error.stack);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  if (error.cause !== undefined) out.cause = toJson(error.cause, seen, depth + 1);
  if (error instanceof AggregateError && Array.isArray(error.errors)) {
    out.errors = error.errors.map((inner) => toJson(inner, seen, depth + 1));
  }
  return out;
};

const serializeObject = (value: object, seen: WeakSet<object>, depth: number): Json => {
  if (value instanceof Error) return serializeError(value, seen, depth);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[Binary ${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.map((item) => toJson(item, seen, depth + 1));
  if (value instanceof Set) return [...value].map((item) => toJson(item, seen, depth + 1));
  const entries: [string, unknown][] =
    value instanceof Map ? [...value].map(([k, v]) => [String(k), v]) : Object.keys(value).map((k) => [k, k]);
  const out: { [key: string]: Json } = {};
  for (const [key, source] of entries) {
    let item: unknown;
    try {
      // a getter may throw; that one field becomes a placeholder, not the whole record
      item = value instanceof Map ? source : (value as Record<string, unknown>)[source as string];
    } catch (error) {
      item = describeFailure(error);
    }
    if (item === undefined || typeof item === 'function') continue;
    out[wellFormed(key)] = toJson(item, seen, depth + 1);
  }
  return out;
};

const toJson = (value: unknown, seen: WeakSet<object>, depth: number): Json => {
  try {
    switch (typeof value) {
      case 'string':
        return wellFormed(value);
      case 'number':
        return Number.isFinite(value) ? value : String(value);
      case 'boolean':
        return value;
      case 'bigint':
        return value.toString();
      case 'symbol':
        return wellFormed(value.toString());
      case 'undefined':
      case 'function':
        return null;
    }
    if (value === null) return null;
    const object = value as object;
    if (seen.has(object)) return '[Circular]';
    if (depth >= maxDepth) return '[MaxDepth]';
    const toJsonMethod = (object as { toJSON?: unknown }).toJSON;
    seen.add(object);
    try {
      if (typeof toJsonMethod === 'function' && !(object instanceof Date)) {
        return toJson(toJsonMethod.call(object), seen, depth + 1);
      }
      return serializeObject(object, seen, depth);
    } finally {
      // only ancestors count as cycles; the same object twice side by side is fine
      seen.delete(object);
    }
  } catch (error) {
    return describeFailure(error);
  }
};

/** Any value as plain JSON data; never throws. */
export const toJsonSafe = (value: unknown): Json => toJson(value, new WeakSet(), 0);
