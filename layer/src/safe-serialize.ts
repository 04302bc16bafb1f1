/**
 * Turns any value into plain JSON data that `JSON.stringify` cannot choke on: cycles, BigInt, Symbols,
 * functions, throwing getters, lone surrogates, Errors (with their cause chain), Maps, Sets and binary data.
 * Logging must never throw into a handler, so every odd case yields a readable placeholder instead.
 *
 * An optional policy (redaction) is applied in the same walk: one copy of the data, not two.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** What the walk asks about every key and string; redaction implements it. */
export interface JsonPolicy {
  /** The value to write instead of `owner[key]`, or undefined to walk `item` normally. */
  replace(key: string, item: unknown, owner: object): Json | undefined;
  /** The string to write for a (well-formed) string value. */
  text(value: string): string;
}

const maxDepth = 12;

/** ES2024 string methods (Node 20+); the project's TypeScript lib is ES2023. */
interface WellFormedString {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

/** Lone UTF-16 surrogates are invalid in UTF-8 output; replace them with U+FFFD. */
export const wellFormed = (text: string): string => {
  const value = text as unknown as WellFormedString;
  return value.isWellFormed() ? text : value.toWellFormed();
};

const describeFailure = (error: unknown): string => {
  try {
    return `[Unserializable: ${error instanceof Error ? error.message : String(error)}]`;
  } catch {
    return '[Unserializable]';
  }
};

class Walk {
  private readonly seen = new WeakSet<object>();
  constructor(private readonly policy: JsonPolicy | undefined) {}

  text(value: string): string {
    const safe = wellFormed(value);
    return this.policy ? this.policy.text(safe) : safe;
  }

  /** `{ name, message, stack, cause }`, the Powertools error shape, plus a string `code` when present. */
  error(error: Error, depth: number): Json {
    const rawMessage = wellFormed(String(error.message));
    const message = this.text(rawMessage);
    const out: { [key: string]: Json } = { name: this.text(String(error.name)), message };
    if (typeof error.stack === 'string') {
      // the stack's head repeats the message verbatim ("Error: {...}"): show it redacted the same way
      const stack = wellFormed(error.stack);
      const head =
        rawMessage !== '' && message !== rawMessage ? stack.split(rawMessage).join(message) : stack;
      out.stack = this.text(head);
    }
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') out.code = code;
    if (error.cause !== undefined) out.cause = this.value(error.cause, depth + 1);
    if (error instanceof AggregateError && Array.isArray(error.errors)) {
      out.errors = error.errors.map((inner) => this.value(inner, depth + 1));
    }
    return out;
  }

  object(value: object, depth: number): Json {
    if (value instanceof Error) return this.error(value, depth);
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer)
      return `[Binary ${value.byteLength} bytes]`;
    if (Array.isArray(value)) return value.map((item) => this.value(item, depth + 1));
    if (value instanceof Set) return [...value].map((item) => this.value(item, depth + 1));
    const isMap = value instanceof Map;
    const keys: unknown[] = isMap ? [...value.keys()] : Object.keys(value);
    const out: { [key: string]: Json } = {};
    for (const rawKey of keys) {
      let item: unknown;
      try {
        // a getter may throw; that one field becomes a placeholder, not the whole record
        item = isMap ? value.get(rawKey) : (value as Record<string, unknown>)[rawKey as string];
      } catch (error) {
        item = describeFailure(error);
      }
      if (item === undefined || typeof item === 'function') continue;
      const key = wellFormed(String(rawKey));
      out[key] = this.policy?.replace(key, item, value) ?? this.value(item, depth + 1);
    }
    return out;
  }

  value(value: unknown, depth: number): Json {
    try {
      switch (typeof value) {
        case 'string':
          return this.text(value);
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
      if (this.seen.has(object)) return '[Circular]';
      if (depth >= maxDepth) return '[MaxDepth]';
      const toJsonMethod = (object as { toJSON?: unknown }).toJSON;
      this.seen.add(object);
      try {
        if (typeof toJsonMethod === 'function' && !(object instanceof Date)) {
          return this.value(toJsonMethod.call(object), depth + 1);
        }
        return this.object(object, depth);
      } finally {
        // only ancestors count as cycles; the same object twice side by side is fine
        this.seen.delete(object);
      }
    } catch (error) {
      return describeFailure(error);
    }
  }
}

/** Any value as plain JSON data, with the policy applied on the way; never throws. */
export const toJsonSafe = (value: unknown, policy?: JsonPolicy): Json => new Walk(policy).value(value, 0);
