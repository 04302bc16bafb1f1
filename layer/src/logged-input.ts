/**
 * What a `logger.*` call or `logEvent` hands to the formatter. The layer's logger passes it to Powertools as the
 * log item's message, one object Powertools carries through untouched: Powertools then never reads the caller's
 * objects (a throwing getter would escape from its `Object.entries`), never drops or warns about its reserved
 * keys (`level`, `service`...), and nothing a caller logs can pose as an event (only objects made here are
 * payloads, by identity, so a logged `{ category: 'security' }` is just data).
 */
import type { Category } from './event-catalog';
import type { Keys } from './request-scope';

export interface LoggedPayload {
  /** The event name, or the text of a `logger.*` call. */
  readonly message: string;
  readonly category?: Category;
  /** The logger's persistent and temporary keys, in that order. */
  readonly appended: readonly (Keys | undefined)[];
  /** What `setCorrelationId` set: the record's `correlation_id` outside a request (appended keys cannot). */
  readonly correlationId?: unknown;
  /** Objects whose own keys become the record's fields, later ones winning (Powertools' order). */
  readonly sources: readonly unknown[];
  /** Own key of the first source to leave out (`message` of `logger.info({ message, ... })`). */
  readonly skipFirst?: string;
  /** Serialized as `error: { name, message, stack, cause }`. */
  readonly error?: unknown;
}

const payloads = new WeakSet<object>();

export const toPayload = (payload: LoggedPayload): LoggedPayload => {
  payloads.add(payload);
  return payload;
};

export const isPayload = (value: unknown): value is LoggedPayload =>
  typeof value === 'object' && value !== null && payloads.has(value);

const describeFailure = (error: unknown): string => {
  try {
    return `[Unserializable: ${error instanceof Error ? error.message : String(error)}]`;
  } catch {
    return '[Unserializable]';
  }
};

/** Sets a key, even `__proto__` (plain assignment would set the prototype instead). */
const setOwn = (target: Record<string, unknown>, key: string, value: unknown): void => {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true });
  else target[key] = value;
};

/** `instanceof` asks a proxy's `getPrototypeOf` trap, which may throw. */
const isError = (value: object): boolean => {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
};

const mergeInto = (target: Record<string, unknown>, source: unknown, skip?: string): void => {
  if (source === null || source === undefined) return;
  if (typeof source !== 'object') {
    target.extra = source;
    return;
  }
  if (isError(source)) {
    target.error = source;
    return;
  }
  let keys: string[];
  try {
    keys = Object.keys(source);
  } catch (error) {
    // a revoked or throwing proxy: say so instead of losing the call
    target.log_error = describeFailure(error);
    return;
  }
  for (const key of keys) {
    if (key === skip) continue;
    try {
      setOwn(target, key, (source as Record<string, unknown>)[key]);
    } catch (error) {
      setOwn(target, key, describeFailure(error));
    }
  }
};

/**
 * The fields of a payload, shallow-merged (the record walk makes them JSON-safe and redacts them); the
 * appended keys go first. A lone plain source is returned as is, so a 100k-key object is not copied first.
 */
export const payloadFields = (payload: LoggedPayload): object => {
  const { appended, sources, skipFirst } = payload;
  const [only] = sources;
  const alone =
    sources.length === 1 && skipFirst === undefined && appended.every((keys) => keys === undefined);
  if (alone && typeof only === 'object' && only !== null && !isError(only)) return only;
  const fields: Record<string, unknown> = {};
  for (const keys of appended) mergeInto(fields, keys);
  sources.forEach((source, i) => {
    mergeInto(fields, source, i === 0 ? skipFirst : undefined);
  });
  return fields;
};

export const textOf = (value: unknown): string => {
  try {
    return typeof value === 'string' ? value : String(value ?? '');
  } catch {
    return '';
  }
};

/** What a `logger.*` call asked for, as Powertools' rules read it: a text or `{ message, ...keys }`, then extras. */
export const toLogged = (
  input: unknown,
  extra: readonly unknown[],
  appended: LoggedPayload['appended'],
  correlationId: unknown,
): LoggedPayload => {
  if (typeof input === 'object' && input !== null) {
    const message = (input as { message?: unknown }).message;
    // logEvent's own payload: the event as built, with this logger's keys
    if (isPayload(message)) return toPayload({ ...message, appended, correlationId });
    const sources = [input, ...extra];
    return toPayload({ message: textOf(message), appended, correlationId, sources, skipFirst: 'message' });
  }
  return toPayload({ message: textOf(input), appended, correlationId, sources: extra });
};
