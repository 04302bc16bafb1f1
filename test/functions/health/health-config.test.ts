import { readHealthConfig } from '../../../functions/health/health-config';

describe('health configuration', () => {
  it('reads groups, filters, freshness and alarm prefix from the environment', () => {
    const result = readHealthConfig({
      LOG_GROUP_NAMES: ' /aws/lambda/login , /aws/lambda/health,',
      EXPECTED_METRIC_FILTERS: JSON.stringify({ '/aws/lambda/login': ['LoginFailures'], '/extra': ['X'] }),
      FRESHNESS_LOG_GROUP: '/aws/lambda/login',
      FRESHNESS_FUNCTION_NAME: ' login-fn ',
      FRESHNESS_THRESHOLD_MINUTES: '15',
      ALARM_NAME_PREFIX: 'Cream-',
      HEALTH_CACHE_SECONDS: '30',
    });

    expect(result).toEqual({
      config: {
        logGroupNames: ['/aws/lambda/login', '/aws/lambda/health', '/extra'],
        expectedMetricFilters: { '/aws/lambda/login': ['LoginFailures'], '/extra': ['X'] },
        freshnessLogGroup: '/aws/lambda/login',
        freshnessFunctionName: 'login-fn',
        freshnessThresholdMinutes: 15,
        cacheSeconds: 30,
        alarmNamePrefix: 'Cream-',
      },
      problems: [],
    });
  });

  it('defaults the freshness threshold to 60 minutes, the cache to 60 seconds, and leaves alarms out', () => {
    const { config } = readHealthConfig({ LOG_GROUP_NAMES: 'g' });

    expect(config.freshnessThresholdMinutes).toBe(60);
    expect(config.cacheSeconds).toBe(60);
    expect(config.alarmNamePrefix).toBeUndefined();
  });

  it.each([
    ['nothing to check', {}, 'LOG_GROUP_NAMES is empty'],
    [
      'filters that are not JSON',
      { LOG_GROUP_NAMES: 'g', EXPECTED_METRIC_FILTERS: '{oops' },
      'not valid JSON',
    ],
    [
      'filters that are a list',
      { LOG_GROUP_NAMES: 'g', EXPECTED_METRIC_FILTERS: '["a"]' },
      'must be a JSON object',
    ],
    [
      'filter names that are not strings',
      { LOG_GROUP_NAMES: 'g', EXPECTED_METRIC_FILTERS: '{"g":[1]}' },
      'EXPECTED_METRIC_FILTERS["g"]',
    ],
    [
      'a negative threshold',
      { LOG_GROUP_NAMES: 'g', FRESHNESS_THRESHOLD_MINUTES: '-5' },
      'FRESHNESS_THRESHOLD_MINUTES',
    ],
    [
      'a cache that is not a number',
      { LOG_GROUP_NAMES: 'g', HEALTH_CACHE_SECONDS: 'soon' },
      'HEALTH_CACHE_SECONDS',
    ],
  ])('reports %s as a problem instead of throwing', (_label, env: NodeJS.ProcessEnv, problem) => {
    const { problems } = readHealthConfig(env);

    expect(problems).toEqual([expect.stringContaining(problem)]);
  });
});
