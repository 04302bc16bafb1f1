/**
 * `logger`: the layer's Powertools Logger behind a small facade that constructs it (and loads Powertools) on
 * first use. The middleware writes its own records without it, so a function that only uses `requestLogging`
 * never pays for Powertools at cold start; the first `logger.*` or `logEvent` call does. The facade forwards
 * the whole public Logger API (Powertools' `LoggerInterface`, checked by the compiler) to the real logger.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type {
  ConstructorOptions,
  InjectLambdaContextOptions,
  LogAttributes,
  LoggerInterface,
  LogItemExtraInput,
  LogItemMessage,
  LogLevel,
} from '@aws-lambda-powertools/logger/types';
import type { Context } from 'aws-lambda';
import { createLayerLogger } from './layer-logger';
import { createLogFormatter } from './log-formatter';
import { currentLevel, setCurrentLevel } from './log-level';
import { powertools } from './powertools';
import { serviceName } from './service-name';

let real: Logger | undefined;

/** The shared Powertools Logger, constructed on first call. */
const powertoolsLogger = (): Logger => {
  if (real === undefined) {
    const module = powertools();
    real = createLayerLogger(module, {
      serviceName,
      logLevel: currentLevel(),
      logBufferOptions: { enabled: true, bufferAtVerbosity: 'DEBUG', flushOnErrorLog: true },
      logFormatter: createLogFormatter(module),
    });
    // Powertools may have switched to DEBUG while constructing (POWERTOOLS_LOGGER_SAMPLE_RATE): the layer follows
    setCurrentLevel(real.getLevelName());
  }
  return real;
};

type Keys = Parameters<Logger['appendKeys']>[0];
type Decorator = ReturnType<Logger['injectLambdaContext']>;

export class CreamLogger implements LoggerInterface {
  /** The current level as Powertools numbers it (higher is less verbose). */
  get level(): number {
    return powertoolsLogger().level;
  }
  addContext(context: Context): void {
    powertoolsLogger().addContext(context);
  }
  addPersistentLogAttributes(attributes: Keys): void {
    powertoolsLogger().addPersistentLogAttributes(attributes);
  }
  appendKeys(attributes: Keys): void {
    powertoolsLogger().appendKeys(attributes);
  }
  appendPersistentKeys(attributes: Keys): void {
    powertoolsLogger().appendPersistentKeys(attributes);
  }
  clearBuffer(): void {
    powertoolsLogger().clearBuffer();
  }
  createChild(options?: ConstructorOptions): Logger {
    return powertoolsLogger().createChild(options);
  }
  critical(input: LogItemMessage, ...extraInput: LogItemExtraInput): void {
    powertoolsLogger().critical(input, ...extraInput);
  }
  debug(input: LogItemMessage, ...extraInput: LogItemExtraInput): void {
    powertoolsLogger().debug(input, ...extraInput);
  }
  error(input: LogItemMessage, ...extraInput: LogItemExtraInput): void {
    powertoolsLogger().error(input, ...extraInput);
  }
  flushBuffer(): void {
    powertoolsLogger().flushBuffer();
  }
  getCorrelationId(): unknown {
    return powertoolsLogger().getCorrelationId();
  }
  getLevelName(): Uppercase<LogLevel> {
    return powertoolsLogger().getLevelName();
  }
  getLogEvent(): boolean {
    return powertoolsLogger().getLogEvent();
  }
  getPersistentLogAttributes(): LogAttributes {
    return powertoolsLogger().getPersistentLogAttributes();
  }
  info(input: LogItemMessage, ...extraInput: LogItemExtraInput): void {
    powertoolsLogger().info(input, ...extraInput);
  }
  injectLambdaContext(options?: InjectLambdaContextOptions): Decorator {
    return powertoolsLogger().injectLambdaContext(options);
  }
  logEventIfEnabled(event: unknown, overwriteValue?: boolean): void {
    powertoolsLogger().logEventIfEnabled(event, overwriteValue);
  }
  refreshSampleRateCalculation(): void {
    powertoolsLogger().refreshSampleRateCalculation();
  }
  removeKeys(keys: string[]): void {
    powertoolsLogger().removeKeys(keys);
  }
  removePersistentKeys(keys: string[]): void {
    powertoolsLogger().removePersistentKeys(keys);
  }
  removePersistentLogAttributes(keys: string[]): void {
    powertoolsLogger().removePersistentLogAttributes(keys);
  }
  resetKeys(): void {
    powertoolsLogger().resetKeys();
  }
  setCorrelationId(value: unknown, correlationIdPath?: string): void {
    powertoolsLogger().setCorrelationId(value, correlationIdPath);
  }
  setLogLevel(logLevel: LogLevel): void {
    powertoolsLogger().setLogLevel(logLevel);
  }
  setPersistentLogAttributes(attributes: Keys): void {
    powertoolsLogger().setPersistentLogAttributes(attributes);
  }
  shouldLogEvent(overwriteValue?: boolean): boolean {
    return powertoolsLogger().shouldLogEvent(overwriteValue);
  }
  trace(input: LogItemMessage, ...extraInput: LogItemExtraInput): void {
    powertoolsLogger().trace(input, ...extraInput);
  }
  warn(input: LogItemMessage, ...extraInput: LogItemExtraInput): void {
    powertoolsLogger().warn(input, ...extraInput);
  }
}

/** The logger every `@cream/logging` record goes through. */
export const logger = new CreamLogger();
