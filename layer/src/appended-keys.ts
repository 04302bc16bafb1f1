/**
 * Where a logger's appended keys live, and how they are taken: copied to plain data when appended, so a throwing
 * getter, a revoked proxy or `null` can never throw later (or now) into a handler. Persistent keys are kept per
 * logger for its lifetime; temporary ones in the request scope (`request-scope.ts`).
 */
import { writeLine } from './log-sink';
import { failureLine } from './record-formatter';
import type { Keys } from './request-scope';
import { toJsonSafe } from './safe-serialize';

/** Persistent keys per logger (kept outside the instance: Powertools appends them inside its constructor). */
export const persistentKeys = new WeakMap<object, Keys>();
/** Per logger, the owner of its `setCorrelationId` value in the request scope (apart from its appended keys). */
const correlationSlots = new WeakMap<object, object>();
export const correlationSlot = (logger: object): object => {
  let slot = correlationSlots.get(logger);
  if (slot === undefined) {
    slot = {};
    correlationSlots.set(logger, slot);
  }
  return slot;
};

/** Appended keys as plain data; undefined when there is nothing to append or they cannot be read (said in a line). */
export const snapshot = (attributes: unknown, method: string): Keys | undefined => {
  if (attributes === null || attributes === undefined) return undefined;
  const safe = toJsonSafe(attributes);
  if (safe !== null && typeof safe === 'object' && !Array.isArray(safe)) return safe;
  writeLine(failureLine(method, new Error(typeof safe === 'string' ? safe : 'keys must be an object')));
  return undefined;
};

/** `keys` less the given names; anything but a readable list of names removes nothing. */
export const without = (keys: Keys | undefined, names: unknown): Keys | undefined => {
  const list = toJsonSafe(names);
  if (keys === undefined || !Array.isArray(list)) return keys;
  const rest = { ...keys };
  for (const name of list) delete rest[String(name)];
  return rest;
};
