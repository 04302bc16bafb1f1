/**
 * The layer's Powertools Logger subclass, defined when Powertools is first loaded. Powertools keeps its level,
 * debug buffering (per request, keyed by the X-Ray trace id Lambda sets per invocation), child loggers and
 * printing; the layer takes over what must never throw, leak or be forged:
 * - every call's input travels to the formatter as one payload (`logged-input.ts`), so Powertools never reads
 *   (or chokes on) the caller's objects and never drops their `level`/`service` keys;
 * - appended keys are copied to plain data when appended (a throwing getter or a revoked proxy cannot throw
 *   into the handler) and kept by the layer: temporary keys live in the request scope, so no logger, not even a
 *   child created at module level, carries one request's keys into the next;
 * - records print through the injectable sink, and every logger that wrote during a request is flushed or
 *   cleared with it.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type {
  ConstructorOptions,
  LogAttributes,
  LogItemExtraInput,
  LogItemMessage,
  LogLevel,
} from '@aws-lambda-powertools/logger/types';
import { correlationSlot, persistentKeys, snapshot, without } from './appended-keys';
import { setCurrentLevel, withoutAlcLevel } from './log-level';
import { sinkConsole, writeLine } from './log-sink';
import { textOf, toLogged } from './logged-input';
import type { Powertools } from './powertools';
import { failureLine } from './record-formatter';
import { currentScope, noteLogger, setTemporaryKeys, takePendingDebug, temporaryKeys } from './request-scope';

type AppendedKeys = Parameters<Logger['appendKeys']>[0];

/** The logger inside `setCorrelationId`: Powertools sets the id through `appendKeys`, which then keeps it apart. */
let settingCorrelationId: object | undefined;

/** The shared logger: Powertools' Logger with the layer's rules (see the module comment). */
export const createLayerLogger = ({ Logger: Base }: Powertools, options: ConstructorOptions): Logger => {
  // the main logger's level is the layer's level (its children keep their own)
  let shared: Logger | undefined;

  class LayerLogger extends Base {
    constructor(loggerOptions?: ConstructorOptions) {
      super(loggerOptions);
      // Powertools prints direct and flushed buffered records through its private `console`; pointing that at
      // the sink is the only hook that sees both (printLog alone misses flushBuffer). Cast: the field is private.
      (this as unknown as { console: typeof sinkConsole }).console = sinkConsole;
    }

    protected override processLogItem(level: number, input: LogItemMessage, extra: LogItemExtraInput): void {
      try {
        noteLogger(this);
        const appended = [persistentKeys.get(this), temporaryKeys(this)];
        const correlationId = temporaryKeys(correlationSlot(this))?.correlation_id;
        super.processLogItem(
          level,
          { message: toLogged(input, extra, appended, correlationId) as never },
          [],
        );
      } catch (error) {
        writeLine(failureLine(textOf(typeof input === 'string' ? input : 'log_failure'), error));
      }
    }

    override appendKeys(attributes: AppendedKeys): void {
      const keys = snapshot(attributes, 'appendKeys');
      if (keys === undefined) return;
      if (settingCorrelationId === this) setTemporaryKeys(correlationSlot(this), keys);
      else setTemporaryKeys(this, { ...temporaryKeys(this), ...keys });
    }

    /** The record's `correlation_id` outside a request (inside one, the middleware's id stands). */
    override setCorrelationId(value: unknown, correlationIdPath?: string): void {
      settingCorrelationId = this;
      try {
        super.setCorrelationId(value, correlationIdPath);
      } finally {
        settingCorrelationId = undefined;
      }
    }

    override appendPersistentKeys(attributes: AppendedKeys): void {
      const keys = snapshot(attributes, 'appendPersistentKeys');
      if (keys) persistentKeys.set(this, { ...persistentKeys.get(this), ...keys });
    }

    override setPersistentLogAttributes(attributes: AppendedKeys): void {
      persistentKeys.set(this, snapshot(attributes, 'setPersistentLogAttributes') ?? {});
    }

    override removeKeys(keys: string[]): void {
      setTemporaryKeys(this, without(temporaryKeys(this), keys));
    }

    override removePersistentKeys(keys: string[]): void {
      const rest = without(persistentKeys.get(this), keys);
      if (rest) persistentKeys.set(this, rest);
    }

    override resetKeys(): void {
      setTemporaryKeys(this, undefined);
      setTemporaryKeys(correlationSlot(this), undefined);
    }

    override getPersistentLogAttributes(): LogAttributes {
      return { ...persistentKeys.get(this) };
    }

    override get persistentLogAttributes(): LogAttributes {
      return this.getPersistentLogAttributes();
    }

    override getCorrelationId(): unknown {
      return temporaryKeys(correlationSlot(this))?.correlation_id;
    }

    override createChild(childOptions: ConstructorOptions = {}): Logger {
      let child: Logger;
      try {
        // Powertools deep-merges the options: its keys are copied to plain data first, as appended keys are
        const { persistentKeys: keys, persistentLogAttributes: attributes, ...rest } = childOptions;
        const persistent = { ...snapshot(attributes, 'createChild'), ...snapshot(keys, 'createChild') };
        child = super.createChild({ ...rest, persistentKeys: persistent });
      } catch (error) {
        writeLine(failureLine('createChild', error));
        child = super.createChild();
      }
      persistentKeys.set(child, { ...persistentKeys.get(this), ...persistentKeys.get(child) });
      const temporary = temporaryKeys(this);
      if (temporary) setTemporaryKeys(child, { ...temporary });
      const correlation = temporaryKeys(correlationSlot(this));
      if (correlation) setTemporaryKeys(correlationSlot(child), correlation);
      return child;
    }

    /** Child loggers are layer loggers too, constructed under the same level rule. */
    protected override createLogger(childOptions?: ConstructorOptions): Logger {
      return withoutAlcLevel(() => new LayerLogger(childOptions));
    }

    /** Prints the request's deferred `request_started` first, then what Powertools buffered. */
    override flushBuffer(): void {
      takePendingDebug(currentScope())?.();
      super.flushBuffer();
    }

    override setLogLevel(logLevel: LogLevel): void {
      super.setLogLevel(logLevel);
      if (this === shared) setCurrentLevel(logLevel);
    }
  }

  shared = withoutAlcLevel(() => new LayerLogger(options));
  return shared;
};
