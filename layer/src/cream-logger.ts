/**
 * The shared Powertools Logger: the contract formatter, records printed through the injectable sink, the
 * layer's level rule (`log-level.ts`), and debug records buffered per request (keyed by the X-Ray trace id
 * Lambda sets per invocation) so they are printed only when the request fails. The middleware writes its own
 * records directly (`request-record.ts`); this logger serves `logEvent` and the handler's own calls.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { ConstructorOptions, LogLevel } from '@aws-lambda-powertools/logger/types';
import { CreamLogFormatter } from './log-formatter';
import { hideAlcLevel, resolveLogLevel } from './log-level';
import { sinkConsole, writeLine } from './log-sink';
import { failureLine } from './record-formatter';
import { currentScope, takePendingDebug } from './request-scope';

/** The service name shared by records and EMF metrics, so the `service` key means one thing in both. */
export const resolveServiceName = (): string =>
  process.env.POWERTOOLS_SERVICE_NAME || process.env.AWS_LAMBDA_FUNCTION_NAME || 'service_undefined';

/** Points a Powertools logger's private console at the sink. */
const useSink = (target: Logger): void => {
  // Powertools prints direct and flushed buffered records through its private `console`; pointing that at
  // the sink is the only hook that sees both (printLog alone misses flushBuffer). Cast: the field is private.
  (target as unknown as { console: typeof sinkConsole }).console = sinkConsole;
};

export class CreamLogger extends Logger {
  /** The `service` of every record, fixed at init like Powertools' own. */
  readonly service: string;
  /** The current level as a number (Powertools' thresholds), cached: reading it from Powertools costs env reads. */
  threshold: number;
  /** Temporary keys appended outside any request (init code): the next request starts without them. */
  private keysAppendedOutside: boolean;

  constructor() {
    const service = resolveServiceName();
    const restoreAlc = hideAlcLevel();
    super({
      serviceName: service,
      logLevel: resolveLogLevel(),
      logBufferOptions: { enabled: true, bufferAtVerbosity: 'DEBUG', flushOnErrorLog: true },
      logFormatter: new CreamLogFormatter(),
    });
    restoreAlc();
    this.service = service;
    this.threshold = this.level;
    this.keysAppendedOutside = false;
    useSink(this);
  }

  override setLogLevel(logLevel: LogLevel): void {
    super.setLogLevel(logLevel);
    this.threshold = this.level;
  }

  override appendKeys(...args: Parameters<Logger['appendKeys']>): void {
    const scope = currentScope();
    if (scope) scope.keysAppended = true;
    else this.keysAppendedOutside = true;
    super.appendKeys(...args);
  }

  /** Drops temporary keys appended during the request (or before it); free when there are none. */
  resetRequestKeys(): void {
    const scope = currentScope();
    if (!this.keysAppendedOutside && scope?.keysAppended !== true) return;
    this.keysAppendedOutside = false;
    if (scope) scope.keysAppended = false;
    this.resetKeys();
  }

  protected override bufferLogItem(...args: Parameters<Logger['bufferLogItem']>): void {
    const scope = currentScope();
    if (scope) scope.buffered = true;
    super.bufferLogItem(...args);
  }

  /** Prints the request's deferred `request_started` first, then what Powertools buffered. */
  override flushBuffer(): void {
    const scope = currentScope();
    takePendingDebug(scope)?.();
    // inside a request that buffered nothing there is nothing to print (and Powertools' lookup costs env reads)
    if (scope?.buffered === false) return;
    if (scope) scope.buffered = false;
    super.flushBuffer();
  }

  override clearBuffer(): void {
    const scope = currentScope();
    takePendingDebug(scope);
    if (scope?.buffered === false) return;
    if (scope) scope.buffered = false;
    super.clearBuffer();
  }

  /**
   * Every `logger.info(...)` path runs through here. Powertools reads the caller's objects (Object.entries)
   * before our formatter sees them, so a throwing getter would escape; catch it and leave one line instead.
   */
  protected override processLogItem(...args: Parameters<Logger['processLogItem']>): void {
    try {
      super.processLogItem(...args);
    } catch (error) {
      writeLine(failureLine(args[1], error));
    }
  }

  /** True once, on the first on-demand invocation of this environment (Powertools' cold-start rule). */
  takeColdStart(): boolean {
    return this.getColdStart();
  }

  /** Child loggers (`createChild`) print through the sink and follow the same level rule. */
  protected override createLogger(options?: ConstructorOptions): Logger {
    const restoreAlc = hideAlcLevel();
    try {
      const child = super.createLogger(options);
      useSink(child);
      return child;
    } finally {
      restoreAlc();
    }
  }
}

/** The logger every `@cream/logging` record goes through. */
export const logger = new CreamLogger();
