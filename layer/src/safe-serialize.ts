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
  /** The value to write instead of a list item, given the item before it (`["--password", "x"]`), or undefined. */
  listItem?(item: unknown, previous: unknown): Json | undefined;
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

/** `{ "__proto__": … }` (from JSON.parse) is an own key; plain assignment would set the prototype instead. */
export const setOwn = (out: { [key: string]: Json }, key: string, value: Json): void => {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true });
  else out[key] = value;
};

class Walk {
  private readonly seen = new WeakSet<object>();
  constructor(private readonly policy: JsonPolicy | undefined) {}

  text(value: string): string {
    const safe = wellFormed(value);
    return this.policy ? this.policy.text(safe) : safe;
  }

  /** A placeholder for what could not be read; the failure's own message is text like any other (fail closed). */
  failure(error: unknown): string {
    try {
      return `[Unserializable: ${this.text(wellFormed(error instanceof Error ? String(error.message) : String(error)))}]`;
    } catch {
      return '[Unserializable]';
    }
  }

  /**
   * `{ name, message, stack, cause }`, the Powertools error shape, plus a `code` when present and the inner
   * errors of an AggregateError (`errors`) or a SuppressedError (`error`, `suppressed`). The stack is redacted as
   * text in its own right: it keeps the message the error was built with, which may differ from `message` now.
   */
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
    if (typeof code === 'string') out.code = this.text(wellFormed(code));
    else if (typeof code === 'number') out.code = Number.isFinite(code) ? code : String(code);
    if (error.cause !== undefined) out.cause = this.value(error.cause, depth + 1);
    const inner = error as { errors?: unknown; error?: unknown; suppressed?: unknown };
    if (Array.isArray(inner.errors)) out.errors = inner.errors.map((item) => this.value(item, depth + 1));
    if (typeof SuppressedError === 'function' && error instanceof SuppressedError) {
      out.error = this.value(inner.error, depth + 1);
      out.suppressed = this.value(inner.suppressed, depth + 1);
    }
    return out;
  }

  list(items: readonly unknown[], depth: number): Json[] {
    const listItem = this.policy?.listItem;
    return items.map(
      (item, i) =>
        (listItem && i > 0 ? listItem(item, items[i - 1]) : undefined) ?? this.value(item, depth + 1),
    );
  }

  object(value: object, depth: number): Json {
    if (value instanceof Error) return this.error(value, depth);
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer)
      return `[Binary ${value.byteLength} bytes]`;
    if (Array.isArray(value)) return this.list(value, depth);
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
        item = this.failure(error);
      }
      if (item === undefined || typeof item === 'function') continue;
      const key = wellFormed(String(rawKey));
      setOwn(out, key, this.policy?.replace(key, item, value) ?? this.value(item, depth + 1));
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
      return this.failure(error);
    }
  }
}

/** Any value as plain JSON data, with the policy applied on the way; never throws. */
export const toJsonSafe = (value: unknown, policy?: JsonPolicy): Json => new Walk(policy).value(value, 0);
