/**
 * `logEvent`: the typed way to write a catalog event. The event's category and level come from the catalog;
 * a level override exists for events whose severity depends on the outcome (a slow query, a 5xx).
 */
import type { LogItemMessage } from '@aws-lambda-powertools/logger/types';
import { logger } from './cream-logger';
import { catalog, type EventFields, type EventName, type Level } from './event-catalog';
import { writeLine } from './log-sink';
import { toPayload } from './logged-input';
import { failureLine } from './record-formatter';

export interface LogEventOptions {
  /** Overrides the catalog level for this record. */
  readonly level?: Level;
  /** Serialized as `error: { name, message, stack, cause }`. */
  readonly error?: unknown;
}

/** Untyped core shared by `logEvent` and the SDK instrumentation. Never throws. */
export const writeEvent = (name: EventName, fields: object, options: LogEventOptions = {}): void => {
  try {
    const spec = catalog[name] as (typeof catalog)[EventName] | undefined;
    const payload = toPayload({
      message: name,
      category: spec?.category ?? 'application',
      appended: [],
      sources: [fields],
      error: options.error,
    });
    // Cast: the payload rides as the message; the layer's logger unpacks it (`layer-logger.ts`)
    const input = { message: payload } as unknown as LogItemMessage;
    switch (options.level ?? spec?.level ?? 'INFO') {
      case 'DEBUG':
        logger.debug(input);
        break;
      case 'WARN':
        logger.warn(input);
        break;
      case 'ERROR':
        logger.error(input);
        break;
      default:
        logger.info(input);
    }
  } catch (error) {
    // Powertools itself failed: still leave one valid line rather than throw into the handler
    writeLine(failureLine(name, error));
  }
};

/** Writes one catalog event. A name outside the catalog or a wrong field type is a compile error. */
export function logEvent<E extends EventName>(
  name: E,
  fields: EventFields<E>,
  options?: LogEventOptions,
): void {
  writeEvent(name, fields, options);
}
