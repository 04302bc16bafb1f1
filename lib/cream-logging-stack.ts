import * as path from 'node:path';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { metricNames } from '../layer/src/metric-names';
import { AlarmTopic } from './alarm-topic';
import { ArchiveAlarms, type ArchiveAlarmThresholds } from './archive-alarms';
import { ArchiveSearch } from './archive-search';
import { CreamLoggingLayer } from './cream-logging-layer';
import { HealthWiring } from './health-wiring';
import { CreamHttpApi, HealthRouteKey } from './http-api';
import { LoggedFunction } from './logged-function';
import { LoggingDashboard } from './logging-dashboard';
import { LoginBackend } from './login-backend';
import { type AlarmThresholds, MonitoringAlarms } from './monitoring-alarms';
import {
  functionFilterSpecs,
  healthFilterSpecs,
  loginFilterSpecs,
  MonitoringMetricFilters,
} from './monitoring-metric-filters';
import { PlatformAlarms, type PlatformAlarmThresholds } from './platform-alarms';
import { RedactionAlarms } from './redaction-alarms';
import { SavedQueries } from './saved-queries';
import { ArchivePrefix, SecurityLogArchive } from './security-log-archive';
import { TableAlarms, type TableAlarmThresholds } from './table-alarms';

const functionsDir = path.join(__dirname, '..', 'functions');

export interface CreamLoggingStackProps extends StackProps {
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
  /** How old the login group's newest event may be before health reports it stale. @default 60 */
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
  public readonly login: LoggedFunction;
  public readonly health: LoggedFunction;
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
    const fn = (fnId: string, entry: string, description: string, memorySize?: number) =>
      new LoggedFunction(this, fnId, {
        entry: path.join(functionsDir, entry, 'index.ts'),
        description,
        layer: this.layer.layerVersion,
        metricsNamespace: namespace,
        memorySize,
      });
    // Lambda gives CPU in proportion to memory (1769 MB = one vCPU). One scrypt (N=2^14, r=8, p=5) takes
    // ~0.3 s of a full core: ~2 s at 256 MB (0.14 vCPU), above the 1.5 s p99 alarm; at 1024 MB (0.58 vCPU)
    // ~0.52 s, a third of it. A CPU-bound login costs the same GB-seconds either way (0.25 GB x 2.07 s =
    // 1 GB x 0.52 s = 0.52 GB-s), so the larger size buys the margin for nothing.
    this.login = fn('Login', 'login', 'POST /login: password login issuing a JWT', 1024);
    this.health = fn('Health', 'health', 'GET /health/logs: checks that logging and monitoring are in place');
    const functions = [this.login, this.health];
    const functionLogGroups = functions.map((f) => f.logGroup);

    this.backend.grantLogin(this.login, {
      tokenIssuer: props.tokenIssuer ?? 'cream-logging',
      tokenTtlSeconds: props.tokenTtlSeconds ?? 3600,
    });
    this.http = new CreamHttpApi(this, 'Http', {
      loginFunction: this.login.function,
      healthFunction: this.health.function,
    });

    this.metricFilters = new MonitoringMetricFilters(this, 'MetricFilters', {
      namespace,
      targets: [
        { logGroup: this.login.logGroup, specs: [...functionFilterSpecs, ...loginFilterSpecs] },
        { logGroup: this.health.logGroup, specs: [...functionFilterSpecs, ...healthFilterSpecs] },
      ],
    });
    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic', {
      email: props.alarmEmail ?? (this.node.tryGetContext('alarmEmail') as string | undefined),
    });
    const services = functions.map((f) => f.serviceName);
    this.alarms = new MonitoringAlarms(this, 'Alarms', {
      filters: this.metricFilters,
      topic: this.alarmTopic.topic,
      emfNamespace: namespace,
      services,
      rateServices: [this.login.serviceName],
      thresholds: props.alarmThresholds,
    });

    this.platformAlarms = new PlatformAlarms(this, 'PlatformAlarms', {
      topic: this.alarmTopic.topic,
      functions: functions.map((f) => ({
        serviceName: f.serviceName,
        functionName: f.function.functionName,
        timeout: f.timeout,
      })),
      api: this.http.api,
      probe: {
        serviceName: this.health.serviceName,
        route: HealthRouteKey.slice(HealthRouteKey.indexOf(' ') + 1),
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

    new HealthWiring(this, 'HealthWiring', {
      health: this.health,
      logGroupNames: [...functionLogGroups, this.http.accessLogGroup].map((g) => g.logGroupName),
      expectedMetricFilters: this.metricFilters.expectedFilterNames,
      freshnessLogGroupName: this.login.logGroup.logGroupName,
      freshnessFunctionName: this.login.function.functionName,
      freshnessThresholdMinutes: props.freshnessThresholdMinutes ?? 60,
      monitoredLogGroups: functionLogGroups,
      freshnessLogGroup: this.login.logGroup,
    });

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
    });
    this.queries = new SavedQueries(this, 'Queries', {
      functionLogGroups,
      loginLogGroup: this.login.logGroup,
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
