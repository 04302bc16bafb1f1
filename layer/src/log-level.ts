/**
 * The layer's level rule. Lambda's Advanced Logging Controls (`AWS_LAMBDA_LOG_LEVEL`) filter what Lambda ships;
 * `LOG_LEVEL` / `POWERTOOLS_LOG_LEVEL` is what the application asks for. The stack sets ALC to DEBUG (so the
 * debug records flushed for a failed request are not dropped by Lambda) and `LOG_LEVEL=INFO`: the effective
 * level is the less verbose of the two when both are set, either one alone, else INFO.
 *
 * Powertools' Logger lets ALC win outright (and warns when it is less verbose than log buffering), so the
 * layer resolves the level itself and hides `AWS_LAMBDA_LOG_LEVEL` while a Powertools Logger is constructed.
 */
import { LogLevelThreshold } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';

type LevelName = keyof typeof LogLevelThreshold;

const levelName = (value: string | undefined): LevelName | undefined => {
  const name = value?.trim().toUpperCase();
  // Lambda's FATAL is Powertools' CRITICAL
  const known = name === 'FATAL' ? 'CRITICAL' : name;
  return known !== undefined && Object.hasOwn(LogLevelThreshold, known) ? (known as LevelName) : undefined;
};

/** The effective level name for an environment (see the module comment). */
export const resolveLogLevel = (env: NodeJS.ProcessEnv = process.env): LogLevel => {
  const alc = levelName(env.AWS_LAMBDA_LOG_LEVEL);
  const app = levelName(env.POWERTOOLS_LOG_LEVEL || env.LOG_LEVEL);
  if (alc !== undefined && app !== undefined)
    return LogLevelThreshold[alc] >= LogLevelThreshold[app] ? alc : app;
  return alc ?? app ?? 'INFO';
};

/** Numeric threshold of a level name (higher is less verbose), as Powertools counts. */
export const levelThreshold = (name: string): number => LogLevelThreshold[levelName(name) ?? 'INFO'];

const alcVariable = 'AWS_LAMBDA_LOG_LEVEL';

/**
 * Hides `AWS_LAMBDA_LOG_LEVEL` until the returned function is called, so a Powertools Logger constructed in
 * between takes the level it is given (a `super()` call cannot be wrapped in a callback).
 */
export const hideAlcLevel = (): (() => void) => {
  const alc = process.env[alcVariable];
  if (alc === undefined) return () => undefined;
  delete process.env[alcVariable];
  return () => {
    process.env[alcVariable] = alc;
  };
};
