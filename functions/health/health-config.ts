/** What the health check verifies; set by the stack from the same constructs that create the log groups. */
export interface HealthConfig {
  /** Every group to check, from LOG_GROUP_NAMES plus any group named by the other settings, in first-seen order. */
  readonly logGroupNames: readonly string[];
  /** Metric filter names that must exist, per log group. */
  readonly expectedMetricFilters: Readonly<Record<string, readonly string[]>>;
  readonly freshnessLogGroup?: string;
  /** The function writing to the freshness group; its invocations say whether silence is suspicious. */
  readonly freshnessFunctionName?: string;
  readonly freshnessThresholdMinutes: number;
  /** How long an HTTP caller gets the last result instead of a new round of Describe calls. */
  readonly cacheSeconds: number;
  /** When set, alarms in ALARM whose names start with it are reported. */
  readonly alarmNamePrefix?: string;
}

export const defaultFreshnessThresholdMinutes = 60;
/** The route is public: at most one round of ~7 control-plane calls per minute and instance. */
export const defaultCacheSeconds = 60;

export interface HealthConfigResult {
  readonly config: HealthConfig;
  /** Misconfiguration found, each a sentence; reported as a failed `configuration` check rather than a crash. */
  readonly problems: readonly string[];
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

const parseExpectedFilters = (text: string | undefined, problems: string[]): Record<string, string[]> => {
  if (!text?.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    problems.push('EXPECTED_METRIC_FILTERS is not valid JSON');
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('EXPECTED_METRIC_FILTERS must be a JSON object of log group name to filter names');
    return {};
  }
  const filters: Record<string, string[]> = {};
  for (const [group, names] of Object.entries(value)) {
    if (isStringArray(names)) filters[group] = names;
    else problems.push(`EXPECTED_METRIC_FILTERS["${group}"] must be an array of filter names`);
  }
  return filters;
};

/**
 * Reads the configuration without throwing: a health endpoint that crashes on a bad variable tells the operator
 * less than one that answers "unhealthy: EXPECTED_METRIC_FILTERS is not valid JSON".
 */
export const readHealthConfig = (env: NodeJS.ProcessEnv = process.env): HealthConfigResult => {
  const problems: string[] = [];
  const listed = (env.LOG_GROUP_NAMES ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const expectedMetricFilters = parseExpectedFilters(env.EXPECTED_METRIC_FILTERS, problems);
  const freshnessLogGroup = env.FRESHNESS_LOG_GROUP?.trim() || undefined;

  const thresholdText = env.FRESHNESS_THRESHOLD_MINUTES?.trim();
  let freshnessThresholdMinutes = defaultFreshnessThresholdMinutes;
  if (thresholdText) {
    const parsed = Number(thresholdText);
    if (Number.isFinite(parsed) && parsed > 0) freshnessThresholdMinutes = parsed;
    else problems.push('FRESHNESS_THRESHOLD_MINUTES must be a positive number of minutes');
  }

  const cacheText = env.HEALTH_CACHE_SECONDS?.trim();
  let cacheSeconds = defaultCacheSeconds;
  if (cacheText) {
    const parsed = Number(cacheText);
    if (Number.isFinite(parsed) && parsed >= 0) cacheSeconds = parsed;
    else problems.push('HEALTH_CACHE_SECONDS must be a number of seconds, 0 or more');
  }

  const logGroupNames = [
    ...new Set([
      ...listed,
      ...Object.keys(expectedMetricFilters),
      ...(freshnessLogGroup ? [freshnessLogGroup] : []),
    ]),
  ];
  if (logGroupNames.length === 0) problems.push('LOG_GROUP_NAMES is empty: there is nothing to check');

  return {
    config: {
      logGroupNames,
      expectedMetricFilters,
      freshnessLogGroup,
      freshnessFunctionName: env.FRESHNESS_FUNCTION_NAME?.trim() || undefined,
      freshnessThresholdMinutes,
      cacheSeconds,
      alarmNamePrefix: env.ALARM_NAME_PREFIX?.trim() || undefined,
    },
    problems,
  };
};
