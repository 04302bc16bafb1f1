import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { metricNames } from '../layer/src/metric-names';
import { AlarmTopic } from './alarm-topic';
import { ArchiveAlarms, type ArchiveAlarmThresholds } from './archive-alarms';
import { ArchiveSearch } from './archive-search';
import { CreamLoggingLayer } from './cream-logging-layer';
import { extensionOf, HealthFunctionName, LoginFunctionName } from './function-extensions';
import {
  entryOf,
  type FunctionDefinition,
  parseRouteKey,
  pascalCase,
  validateFunctions,
} from './function-registry';
import { functions as registeredFunctions } from './functions';
import { HealthWiring } from './health-wiring';
import { CreamHttpApi } from './http-api';
import { LoggedFunction } from './logged-function';
import { LoggingDashboard } from './logging-dashboard';
import { LoginBackend } from './login-backend';
import { type AlarmThresholds, MonitoringAlarms } from './monitoring-alarms';
import { filterMetrics, functionFilterSpecs, MonitoringMetricFilters } from './monitoring-metric-filters';
import { PlatformAlarms, type PlatformAlarmThresholds } from './platform-alarms';
import { RedactionAlarms } from './redaction-alarms';
import { SavedQueries } from './saved-queries';
import { ArchivePrefix, SecurityLogArchive } from './security-log-archive';
import { TableAlarms, type TableAlarmThresholds } from './table-alarms';

export interface CreamLoggingStackProps extends StackProps {
  /**
   * The functions to deploy, each with everything a function gets (log group, routes, filters, alarms,
   * dashboard, queries, archive); `login` and `health` also get their own monitoring (function-extensions.ts).
   * @default - the registry, `functions` of lib/functions.ts
   */
  readonly functions?: readonly FunctionDefinition[];
  /** E-mail subscribed to the alarm topic. @default - context `alarmEmail`, else no subscription */
  readonly alarmEmail?: string;
  /** @default - the named defaults of MonitoringAlarms */
  readonly alarmThresholds?: Partial<AlarmThresholds>;
  /** @default - the named defaults of PlatformAlarms */
  readonly platformAlarmThresholds?: Partial<PlatformAlarmThresholds>;
  /** @default - the named defaults of TableAlarms */
  readonly tableAlarmThresholds?: Partial<TableAlarmThresholds>;
  /** @default - the named defaults of ArchiveAlarms */
  readonly archiveAlarmThresholds?: Partial<ArchiveAlarmThresholds>;
  /** How old the freshness group's newest event may be before health reports it stale. @default 60 */
  readonly freshnessThresholdMinutes?: number;
  /** `iss` of issued tokens. @default 'cream-logging' */
  readonly tokenIssuer?: string;
  /** @default 3600 */
  readonly tokenTtlSeconds?: number;
}

/** The whole Cream logging deployment: layer, functions, API, monitoring and archive. */
export class CreamLoggingStack extends Stack {
  public readonly layer: CreamLoggingLayer;
  public readonly backend: LoginBackend;
  /** Every function of the registry by its name, in registry order. */
  public readonly functions: Readonly<Record<string, LoggedFunction>>;
  /** The definitions the functions were built from. */
  public readonly definitions: readonly FunctionDefinition[];
  public readonly http: CreamHttpApi;
  public readonly metricFilters: MonitoringMetricFilters;
  public readonly alarms: MonitoringAlarms;
  public readonly platformAlarms: PlatformAlarms;
  public readonly tableAlarms: TableAlarms;
  public readonly alarmTopic: AlarmTopic;
  public readonly dashboard: LoggingDashboard;
  public readonly queries: SavedQueries;
  public readonly archive: SecurityLogArchive;
  public readonly archiveSearch: ArchiveSearch;
  public readonly archiveAlarms: ArchiveAlarms;
  public readonly redactionAlarms: RedactionAlarms;

  /** The login function (the registry's `login`). */
  public get login(): LoggedFunction {
    return this.fn(LoginFunctionName);
  }

  /** The health function (the registry's `health`). */
  public get health(): LoggedFunction {
    return this.fn(HealthFunctionName);
  }

  /** One function by its registry name; throws naming the known ones. */
  public fn(name: string): LoggedFunction {
    const found = this.functions[name];
    if (!found) throw new Error(`no function "${name}" (known: ${Object.keys(this.functions).join(', ')})`);
    return found;
  }

  /** Every alarm of the stack, for the dashboard and the tests. */
  public get allAlarms(): cloudwatch.Alarm[] {
    return [
      ...this.alarms.all,
      ...this.platformAlarms.all,
      ...this.tableAlarms.all,
      ...this.archiveAlarms.all,
      ...this.redactionAlarms.all,
    ];
  }

  constructor(scope: Construct, id: string, props: CreamLoggingStackProps = {}) {
    super(scope, id, props);
    // One namespace per deployment: two stacks in one account never add up each other's counts.
    const namespace = `${metricNames.namespace}/${this.stackName}`;

    this.layer = new CreamLoggingLayer(this, 'Layer');
    this.backend = new LoginBackend(this, 'Backend');
    this.definitions = props.functions ?? registeredFunctions;
    validateFunctions(this.definitions);
    // Construct id PascalCase(name): Login and Health keep the logical ids they had before the registry.
    const built = this.definitions.map((definition) => ({
      definition,
      extension: extensionOf(definition.name),
      fn: new LoggedFunction(this, pascalCase(definition.name), {
        entry: entryOf(definition),
        description: definition.description,
        serviceName: definition.name,
        layer: this.layer.layerVersion,
        metricsNamespace: namespace,
        memorySize: definition.memorySize,
        timeout:
          definition.timeoutSeconds === undefined ? undefined : Duration.seconds(definition.timeoutSeconds),
      }),
    }));
    this.functions = Object.fromEntries(built.map(({ definition, fn }) => [definition.name, fn]));
    const functions = built.map(({ fn }) => fn);
    const functionLogGroups = functions.map((f) => f.logGroup);
    const login = this.functions[LoginFunctionName];
    const health = this.functions[HealthFunctionName];

    if (login) {
      this.backend.grantLogin(login, {
        tokenIssuer: props.tokenIssuer ?? 'cream-logging',
        tokenTtlSeconds: props.tokenTtlSeconds ?? 3600,
      });
    }
    this.http = new CreamHttpApi(this, 'Http', {
      functions: built.map(({ definition, fn, extension }) => ({
        id: pascalCase(definition.name),
        function: fn.function,
        routes: definition.routes,
        throttle: extension.routeThrottle,
      })),
    });

    this.metricFilters = new MonitoringMetricFilters(this, 'MetricFilters', {
      namespace,
      // In registry order: a filter's id carries its group's index, so login (0) and health (1) keep theirs.
      targets: built.map(({ fn, extension }) => ({
        logGroup: fn.logGroup,
        specs: [...functionFilterSpecs, ...(extension.filterSpecs ?? [])],
      })),
    });
    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic', {
      email: props.alarmEmail ?? (this.node.tryGetContext('alarmEmail') as string | undefined),
    });
    const services = functions.map((f) => f.serviceName);
    // The alarms and widgets of an extension's filters exist when some group has those filters.
    const published = new Set(
      built.flatMap(({ extension }) => extension.filterSpecs ?? []).map((s) => s.metricName),
    );
    this.alarms = new MonitoringAlarms(this, 'Alarms', {
      filters: this.metricFilters,
      topic: this.alarmTopic.topic,
      emfNamespace: namespace,
      services: built.map(({ definition, fn, extension }) => ({
        service: fn.serviceName,
        serverErrorRate: !extension.excludeFromServerErrorRate,
        thresholds: definition.alarms,
      })),
      bruteForce: published.has(filterMetrics.failedLogins),
      healthProbe: published.has(filterMetrics.healthProbeFailedChecks),
      thresholds: props.alarmThresholds,
    });

    const excluded = built.filter(({ extension }) => extension.excludeFromServerErrorRate);
    if (excluded.length > 1 || (excluded[0] && excluded[0].definition.routes.length > 1)) {
      throw new Error('the API 5xx rate can leave out one function of one route only (the health probe)');
    }
    const [probe] = excluded;
    this.platformAlarms = new PlatformAlarms(this, 'PlatformAlarms', {
      topic: this.alarmTopic.topic,
      functions: built.map(({ definition, fn }) => ({
        serviceName: fn.serviceName,
        functionName: fn.function.functionName,
        timeout: fn.timeout,
        thresholds: definition.alarms,
      })),
      api: this.http.api,
      probe: probe && {
        serviceName: probe.fn.serviceName,
        // the RouteLatency filter's dimension: the record's route, the path of the route key
        route: parseRouteKey(probe.definition.routes[0]).path,
      },
      filters: this.metricFilters,
      thresholds: props.platformAlarmThresholds,
    });
    this.tableAlarms = new TableAlarms(this, 'TableAlarms', {
      topic: this.alarmTopic.topic,
      // GetItem from the login function, PutItem from `npm run users:add`
      tables: [{ id: 'users', tableName: this.backend.table.tableName, operations: ['GetItem', 'PutItem'] }],
      thresholds: props.tableAlarmThresholds,
    });

    this.redactionAlarms = new RedactionAlarms(this, 'RedactionAlarms', {
      topic: this.alarmTopic.topic,
      protectedGroups: functions
        .filter((f) => f.dataProtected)
        .map((f) => ({ serviceName: f.serviceName, logGroup: f.logGroup })),
    });

    if (health) {
      // Freshness: the login group (the traffic that matters), else the first function other than health.
      const fresh = login ?? functions.find((f) => f !== health) ?? health;
      new HealthWiring(this, 'HealthWiring', {
        health,
        logGroupNames: [...functionLogGroups, this.http.accessLogGroup].map((g) => g.logGroupName),
        expectedMetricFilters: this.metricFilters.expectedFilterNames,
        freshnessLogGroupName: fresh.logGroup.logGroupName,
        freshnessFunctionName: fresh.function.functionName,
        freshnessThresholdMinutes: props.freshnessThresholdMinutes ?? 60,
        monitoredLogGroups: functionLogGroups,
        freshnessLogGroup: fresh.logGroup,
      });
    }

    this.archive = new SecurityLogArchive(this, 'SecurityArchive', { logGroups: functionLogGroups });
    this.archiveAlarms = new ArchiveAlarms(this, 'ArchiveAlarms', {
      topic: this.alarmTopic.topic,
      subscriptionFilters: this.archive.subscriptionFilters,
      deliveryStream: this.archive.deliveryStream,
      thresholds: props.archiveAlarmThresholds,
    });
    this.archiveSearch = new ArchiveSearch(this, 'ArchiveSearch', {
      bucket: this.archive.bucket,
      prefix: ArchivePrefix,
    });

    this.dashboard = new LoggingDashboard(this, 'Dashboard', {
      filters: this.metricFilters,
      emfNamespace: namespace,
      services,
      functionLogGroups,
      alarms: this.allAlarms,
      platform: {
        functions: functions.map((f) => ({
          serviceName: f.serviceName,
          functionName: f.function.functionName,
        })),
        apiId: this.http.api.apiId,
      },
      loginWidgets: published.has(filterMetrics.loginAttempts),
    });
    this.queries = new SavedQueries(this, 'Queries', {
      functionLogGroups,
      loginLogGroup: login?.logGroup,
      accessLogGroup: this.http.accessLogGroup,
    });
    new CfnOutput(this, 'ApiUrl', {
      value: this.http.api.apiEndpoint,
      description: 'Base URL of the HTTP API',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topic.topicArn });
    // What `cdk destroy` leaves behind (retained on purpose): named here so nothing is orphaned unnoticed.
    new CfnOutput(this, 'UsersTableName', {
      value: this.backend.table.tableName,
      description: 'Retained on destroy (deletion protection on): the users',
    });
    new CfnOutput(this, 'JwtSigningKeyArn', {
      value: this.backend.signingKey.secretArn,
      description: 'Retained on destroy: the signing key of issued tokens',
    });
    new CfnOutput(this, 'ArchiveBucketName', {
      value: this.archive.bucket.bucketName,
      description: 'Retained on destroy: the security audit trail (its objects cannot be deleted)',
    });
  }
}
