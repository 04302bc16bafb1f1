/**
 * The layer's level rule. Lambda's Advanced Logging Controls (`AWS_LAMBDA_LOG_LEVEL`) filter what Lambda ships;
 * `LOG_LEVEL` / `POWERTOOLS_LOG_LEVEL` is what the application asks for. The stack sets ALC to DEBUG (so the
 * debug records flushed for a failed request are not dropped by Lambda) and `LOG_LEVEL=INFO`: the effective
 * level is the less verbose of the two when both are set, either one alone, else INFO.
 *
 * The level is resolved once, at load, and kept here: the middleware asks it per request without loading the
 * Powertools Logger (which is only constructed when a handler logs). Powertools' Logger lets ALC win outright
 * (and warns when it is less verbose than log buffering), so the layer hides `AWS_LAMBDA_LOG_LEVEL` while it
 * constructs one (`hideAlcLevel`).
 */

/**
 * Powertools' numeric levels (higher is less verbose). A copy, so reading a level does not load Powertools;
 * `test/layer/powertools-contract.test.ts` fails if Powertools' own table ever differs.
 */
export const levelThresholds = {
  TRACE: 6,
  DEBUG: 8,
  INFO: 12,
  WARN: 16,
  ERROR: 20,
  CRITICAL: 24,
  SILENT: 28,
} as const;

export type LevelName = keyof typeof levelThresholds;

const levelName = (value: string | undefined): LevelName | undefined => {
  const name = value?.trim().toUpperCase();
  // Lambda's FATAL is Powertools' CRITICAL
  const known = name === 'FATAL' ? 'CRITICAL' : name;
  return known !== undefined && Object.hasOwn(levelThresholds, known) ? (known as LevelName) : undefined;
};

/** The effective level name for an environment (see the module comment). */
export const resolveLogLevel = (env: NodeJS.ProcessEnv = process.env): LevelName => {
  const alc = levelName(env.AWS_LAMBDA_LOG_LEVEL);
  const app = levelName(env.POWERTOOLS_LOG_LEVEL || env.LOG_LEVEL);
  if (alc !== undefined && app !== undefined) return levelThresholds[alc] >= levelThresholds[app] ? alc : app;
  return alc ?? app ?? 'INFO';
};

/** Numeric threshold of a level name (higher is less verbose), as Powertools counts. */
export const levelThreshold = (name: string): number => levelThresholds[levelName(name) ?? 'INFO'];

let current: LevelName = resolveLogLevel();

/** The layer's current level: what `logger.setLogLevel` last set, else the level resolved at load. */
export const currentLevel = (): LevelName => current;

/** True when a record at `level` is printed at the current level. */
export const isPrinted = (level: string): boolean =>
  (levelThresholds[level as LevelName] ?? levelThreshold(level)) >= levelThresholds[current];

/** Called by the shared logger's `setLogLevel`, so the middleware's own records follow it. */
export const setCurrentLevel = (name: string): void => {
  current = levelName(name) ?? current;
};

const alcVariable = 'AWS_LAMBDA_LOG_LEVEL';

/**
 * Runs `construct` with `AWS_LAMBDA_LOG_LEVEL` hidden, so a Powertools Logger constructed in it takes the
 * level it is given (Powertools reads ALC from the environment in its constructor; there is no option for it).
 */
export const withoutAlcLevel = <T>(construct: () => T): T => {
  const alc = process.env[alcVariable];
  if (alc === undefined) return construct();
  delete process.env[alcVariable];
  try {
    return construct();
  } finally {
    process.env[alcVariable] = alc;
  }
};
