/**
 * The shared Powertools Logger: the contract formatter, records printed through the injectable sink, level
 * from Lambda's Advanced Logging Controls or LOG_LEVEL, and debug records buffered per request (keyed by the
 * X-Ray trace id Lambda sets per invocation) so they are printed only when the request fails.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { ConstructorOptions, LogLevel } from '@aws-lambda-powertools/logger/types';
import { sinkConsole, writeLine } from './log-sink';
import { CreamLogFormatter, type RecordOptions } from './record-formatter';

/** The service name shared by records and EMF metrics, so the `service` key means one thing in both. */
export const resolveServiceName = (): string =>
  process.env.POWERTOOLS_SERVICE_NAME || process.env.AWS_LAMBDA_FUNCTION_NAME || 'service_undefined';

/** ALC's level wins (Lambda filters below it anyway), then LOG_LEVEL, then INFO. */
export const resolveLogLevel = (): LogLevel =>
  // Cast: Powertools validates the name itself and falls back to INFO on an unknown one
  (process.env.AWS_LAMBDA_LOG_LEVEL || process.env.LOG_LEVEL || 'INFO').toUpperCase() as LogLevel;

/** Points a Powertools logger's private console at the sink. */
const useSink = (target: Logger): void => {
  // Powertools prints direct and flushed buffered records through its private `console`; pointing that at
  // the sink is the only hook that sees both (printLog alone misses flushBuffer). Cast: the field is private.
  (target as unknown as { console: typeof sinkConsole }).console = sinkConsole;
};

export class CreamLogger extends Logger {
  readonly formatter: CreamLogFormatter;

  constructor() {
    const formatter = new CreamLogFormatter();
    super({
      serviceName: resolveServiceName(),
      logLevel: resolveLogLevel(),
      logBufferOptions: { enabled: true, bufferAtVerbosity: 'DEBUG', flushOnErrorLog: true },
      logFormatter: formatter,
    });
    this.formatter = formatter;
    useSink(this);
  }

  /** Redaction keys and the record size limit, applied to every later record. */
  configureRecords(options: RecordOptions): void {
    if (options.redaction) this.formatter.options.redaction = options.redaction;
    if (options.maxRecordBytes !== undefined) this.formatter.options.maxRecordBytes = options.maxRecordBytes;
  }

  /**
   * Every `logger.info(...)` path runs through here. Powertools reads the caller's objects (Object.entries)
   * before our formatter sees them, so a throwing getter would escape; catch it and leave one line instead.
   */
  protected override processLogItem(...args: Parameters<Logger['processLogItem']>): void {
    try {
      super.processLogItem(...args);
    } catch (error) {
      const message = typeof args[1] === 'string' ? args[1] : 'log_failure';
      writeLine(
        JSON.stringify({
          timestamp: new Date().toISOString(),
          level: 'ERROR',
          service: resolveServiceName(),
          message,
          log_error: error instanceof Error ? error.message : 'unknown',
        }),
      );
    }
  }

  /** True once, on the first on-demand invocation of this environment (Powertools' cold-start rule). */
  takeColdStart(): boolean {
    return this.getColdStart();
  }

  /** Child loggers (`createChild`) print through the sink too. */
  protected override createLogger(options?: ConstructorOptions): Logger {
    const child = super.createLogger(options);
    useSink(child);
    return child;
  }
}

/** The logger every `@cream/logging` record goes through. */
export const logger = new CreamLogger();
