import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type FieldName, recordKeys } from '../layer/src/event-catalog';
import {
  absent,
  anyOf,
  atLeast,
  eitherPattern,
  eventPattern,
  levelPattern,
  present,
  withKeyPresent,
} from './filter-patterns';

/** One metric filter as data: the tests, the health check and the alarms all read these. */
export interface MetricFilterSpec {
  /**
   * Set explicitly (the health function checks filters by name). Filter names are unique per log group only,
   * and every deployment owns its own generated log groups, so a fixed name never blocks a second deployment.
   */
  readonly filterName: string;
  readonly metricName: FilterMetricName;
  readonly pattern: string;
  /** @default '1' (count matching records) */
  readonly metricValue?: string;
  /** @default cloudwatch.Unit.COUNT */
  readonly unit?: cloudwatch.Unit;
  /** Dimension name to `$.field`. Filters with dimensions cannot have a default value. @default - none */
  readonly dimensions?: Readonly<Record<string, string>>;
  /**
   * Publish nothing for records that do not match (no default 0), so an alarm sees missing data when no
   * matching record was written at all. @default false (filters without dimensions publish 0)
   */
  readonly omitDefault?: boolean;
}

/** Names of the metrics the filters publish; alarms and the dashboard read them from here. */
export const filterMetrics = {
  errorEvents: 'ErrorEvents',
  serverErrors: 'ServerErrors',
  timeouts: 'Timeouts',
  routeLatency: 'RouteLatency',
  failedLogins: 'FailedLogins',
  loginAttempts: 'LoginAttempts',
  loginFailures: 'LoginFailures',
  healthProbeFailedChecks: 'HealthProbeFailedChecks',
} as const;
export type FilterMetricName = (typeof filterMetrics)[keyof typeof filterMetrics];

const route: FieldName<'request_completed'> = 'route';
const outcome: FieldName<'login_attempt'> = 'outcome';
const reason: FieldName<'login_attempt'> = 'reason';
const durationMs: FieldName<'request_completed'> = 'duration_ms';
const failedChecks: FieldName<'system_event'> = 'failed_checks';

/** Filters on every function's log group. */
export const functionFilterSpecs: readonly MetricFilterSpec[] = [
  {
    // ERROR-level records only: a client's mistake (a 4xx, validation_failed at WARN) is not an error of ours.
    // Lambda's own records count too (JSON log format): an error escaping the handler, a crash during init.
    filterName: 'cream-error-events',
    metricName: filterMetrics.errorEvents,
    pattern: levelPattern('ERROR'),
  },
  {
    filterName: 'cream-server-errors',
    metricName: filterMetrics.serverErrors,
    // A handler may answer 5xx without throwing (request_completed), throw (request_failed, which has no
    // status_code of its own: API Gateway turns it into a 500), or run out of time (request_timeout: Lambda
    // kills it and the client gets a 5xx). Per service, so the 5xx rate can leave out the health function.
    // A non-HTTP invocation (the scheduled probe) has event_source and no client to answer: no 5xx.
    pattern: withKeyPresent(
      recordKeys.service,
      eitherPattern(
        eventPattern('request_completed', { status_code: atLeast(500), event_source: absent }),
        eventPattern('request_failed'),
        eventPattern('request_timeout'),
      ),
    ),
    dimensions: { [recordKeys.service]: `$.${recordKeys.service}` },
  },
  {
    filterName: 'cream-timeouts',
    metricName: filterMetrics.timeouts,
    pattern: eventPattern('request_timeout'),
  },
  {
    // EMF latency only carries the `service` dimension; per-route percentiles need the route, which is
    // low-cardinality (a route key such as "POST /login", never the raw path).
    filterName: 'cream-route-latency',
    metricName: filterMetrics.routeLatency,
    pattern: eventPattern('request_completed', { duration_ms: present, route: present }),
    metricValue: `$.${durationMs}`,
    unit: cloudwatch.Unit.MILLISECONDS,
    dimensions: { [route]: `$.${route}` },
  },
];

/** Filters on the login function's log group only. */
export const loginFilterSpecs: readonly MetricFilterSpec[] = [
  {
    // Password guesses only: a malformed request (invalid_input) costs an attacker no scrypt and tells them
    // nothing, and counting it would let anyone page on-call with a few broken requests.
    filterName: 'cream-failed-logins',
    metricName: filterMetrics.failedLogins,
    pattern: eventPattern('login_attempt', {
      outcome: 'failure',
      reason: anyOf('bad_password', 'unknown_user'),
    }),
  },
  {
    filterName: 'cream-login-attempts',
    metricName: filterMetrics.loginAttempts,
    pattern: eventPattern('login_attempt', { outcome: present }),
    dimensions: { [outcome]: `$.${outcome}` },
  },
  {
    // Every failure by reason, invalid_input included, for the dashboard.
    filterName: 'cream-login-failures',
    metricName: filterMetrics.loginFailures,
    pattern: eventPattern('login_attempt', { outcome: 'failure', reason: present }),
    dimensions: { [reason]: `$.${reason}` },
  },
];

/** Filters on the health function's log group only. */
export const healthFilterSpecs: readonly MetricFilterSpec[] = [
  {
    // The scheduled probe's result (failed checks, 0 when healthy); HTTP callers do not count, so a busy
    // route cannot hide a dead probe, and without a default a probe that stopped running is missing data.
    filterName: 'cream-health-probe',
    metricName: filterMetrics.healthProbeFailedChecks,
    pattern: eventPattern('system_event', {
      event: 'health_check',
      trigger: 'schedule',
      failed_checks: present,
    }),
    metricValue: `$.${failedChecks}`,
    omitDefault: true,
  },
];

/** CloudWatch publishes nothing for a value or dimension field the pattern does not select: fail at synth. */
const assertSelectsExtractedFields = (spec: MetricFilterSpec): void => {
  const extracted = [spec.metricValue ?? '', ...Object.values(spec.dimensions ?? {})].filter((v) =>
    v.startsWith('$.'),
  );
  const missing = extracted.filter((selector) => !spec.pattern.includes(`(${selector} `));
  if (missing.length > 0) {
    throw new Error(
      `metric filter ${spec.filterName} extracts ${missing.join(', ')} but its pattern never selects it`,
    );
  }
};

export interface MonitoringMetricFiltersProps {
  /** Namespace of every filter metric; one per deployment so two stacks never mix their counts. */
  readonly namespace: string;
  /** Each log group with the filters it gets. */
  readonly targets: readonly {
    readonly logGroup: logs.ILogGroup;
    readonly specs: readonly MetricFilterSpec[];
  }[];
}

/** Creates the metric filters and hands out their metrics. */
export class MonitoringMetricFilters extends Construct {
  public readonly filters: logs.MetricFilter[] = [];
  /** `{ "<log group name>": ["filter-name", ...] }`, the health function's EXPECTED_METRIC_FILTERS. */
  public readonly expectedFilterNames: Record<string, string[]> = {};
  public readonly namespace: string;

  constructor(scope: Construct, id: string, props: MonitoringMetricFiltersProps) {
    super(scope, id);
    this.namespace = props.namespace;
    props.targets.forEach(({ logGroup, specs }, index) => {
      for (const spec of specs) {
        assertSelectsExtractedFields(spec);
        const filter = new logs.MetricFilter(this, `${spec.metricName}${index}`, {
          logGroup,
          filterName: spec.filterName,
          filterPattern: logs.FilterPattern.literal(spec.pattern),
          metricNamespace: props.namespace,
          metricName: spec.metricName,
          metricValue: spec.metricValue ?? '1',
          unit: spec.unit ?? cloudwatch.Unit.COUNT,
          dimensions: spec.dimensions ? { ...spec.dimensions } : undefined,
          // Zero on non-matching records keeps count graphs continuous; not allowed with dimensions.
          defaultValue: spec.dimensions || spec.omitDefault ? undefined : 0,
        });
        this.filters.push(filter);
      }
      this.expectedFilterNames[logGroup.logGroupName] = specs.map((spec) => spec.filterName);
    });
  }

  /** A metric of these filters, e.g. `metric('FailedLogins', { statistic: 'Sum' })`. */
  metric(
    metricName: FilterMetricName,
    options: { statistic?: string; period?: Duration; dimensionsMap?: Record<string, string> } = {},
  ): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: this.namespace,
      metricName,
      statistic: options.statistic ?? cloudwatch.Stats.SUM,
      period: options.period ?? Duration.minutes(5),
      dimensionsMap: options.dimensionsMap,
    });
  }
}
