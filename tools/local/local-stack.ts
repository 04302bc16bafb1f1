import fs from 'node:fs';
import path from 'node:path';
import { apiIdOf, type FunctionModel, type StackModel } from '../cloud-assembly';
import { type AlarmStateChange, apiGatewayDatapoints, dynamoDbDatapoints } from '../monitoring';
import { accessLogDestination, accessLogRecord } from './access-log';
import { type RequestSummary, startApiServer } from './api-server';
import { startAwsEndpoint } from './aws-endpoint';
import { cloudWatchService } from './cloudwatch-api';
import { type DemoUser, ensureDemoUser } from './demo-user';
import { startDynamoDbObserver } from './dynamodb-observer';
import { FunctionHost } from './function-host';
import { functionEnvironment, functionNodePath, prepareRuntimeFiles } from './function-runtime';
import { lockHome } from './home-lock';
import { endpointEnvironment } from './local-aws';
import { startLocalDynamoDb } from './local-dynamodb';
import { loadLocalSecrets, secretsService } from './local-secrets';
import type { LogRecord } from './log-records';
import { LogStore } from './log-store';
import { logsService } from './logs-api';
import { MonitoringLoop } from './monitoring-loop';
import type { StartOptions } from './options';
import { prepareStack } from './prepare-stack';
import { RouteTable } from './route-table';
import { startSchedules } from './schedules';
import { stackSavedQueries } from './web/saved-queries';
import { startWebConsole, type WebConsole } from './web/web-console';

/** Where the running stack reports; start.ts renders it for the console. */
export interface LocalStackEvents {
  onStep(message: string): void;
  onRecord(record: LogRecord): void;
  onAlarmChange(change: AlarmStateChange): void;
  onRequest(summary: RequestSummary): void;
}

export interface RunningStack {
  readonly url: string;
  readonly stackName: string;
  readonly routeKeys: readonly string[];
  readonly user?: DemoUser;
  readonly alarmCount: number;
  readonly filterCount: number;
  /** The stack as loaded from the cloud assembly. */
  readonly model: StackModel;
  readonly dynamoDbEndpoint: string;
  /** The local CloudWatch Logs / CloudWatch / Secrets Manager endpoint (`--endpoint-url`). */
  readonly awsEndpoint: string;
  readonly usersTable?: string;
  /** Runs new code or layers for a function: its instances are replaced (hot reload). */
  replaceFunction(fn: FunctionModel): Promise<void>;
  stop(): Promise<void>;
}

/** The users table is the one the login function is configured with; else the stack's only table. */
const usersTableOf = (functions: readonly FunctionModel[], tables: readonly { tableName: string }[]) => {
  const configured = functions.map((fn) => fn.environment.USERS_TABLE_NAME).find(Boolean);
  return (
    tables.find((table) => table.tableName === configured)?.tableName ??
    (tables.length === 1 ? tables[0].tableName : undefined)
  );
};

/**
 * Starts the whole stack locally, in dependency order, and returns how to stop it. If any step fails, what
 * already started is stopped before the error propagates, so a failed start leaves no process behind.
 */
export const startLocalStack = async (
  options: StartOptions,
  events: LocalStackEvents,
): Promise<RunningStack> => {
  const stops: (() => Promise<void> | void)[] = [];
  // If the process exits before stop() finished (a forced exit), no worker may outlive it.
  const killOnExit: (() => void)[] = [];
  const onExit = () => {
    for (const kill of killOnExit) kill();
  };
  process.on('exit', onExit);
  const stop = async () => {
    // Reverse start order; splice so a second call (a second Ctrl-C) finds nothing left to stop.
    for (const step of stops.splice(0).reverse()) await step();
    process.off('exit', onExit);
  };
  try {
    fs.mkdirSync(options.home, { recursive: true });
    stops.push(lockHome(options.home));
    events.onStep(options.synth ? 'synthesizing the stack (cdk synth)' : `reusing ${options.cdkOutDir}`);
    const { model, fallbackLayerDirs } = await prepareStack(options);
    const { pseudo } = model;
    const createdAt = Date.now();

    const store = new LogStore(path.join(options.home, 'logs'));
    for (const group of model.logGroups) {
      const deleted = store.open(group.name, group.retentionDays);
      if (deleted.length > 0)
        events.onStep(`retention: removed ${deleted.length} old file(s) of ${group.name}`);
    }

    let web: WebConsole | undefined;
    const monitoring = new MonitoringLoop(model, (change) => {
      events.onAlarmChange(change);
      web?.alarmChanged(change);
    });
    stops.push(() => monitoring.stop());

    const tables = model.tables;
    const dynamo = await startLocalDynamoDb(path.join(options.home, 'dynamodb'), tables, pseudo.region);
    stops.push(() => dynamo.close());
    if (dynamo.created.length > 0) events.onStep(`DynamoDB: created ${dynamo.created.join(', ')}`);

    const secrets = loadLocalSecrets(model, options.home);
    const endpoint = await startAwsEndpoint([
      secretsService(model.secrets, secrets, createdAt),
      logsService({
        pseudo,
        logGroups: model.logGroups,
        metricFilters: model.metricFilters,
        store,
        createdAt,
        queryDefinitions: stackSavedQueries(model),
      }),
      cloudWatchService(pseudo, () => monitoring.alarmStatuses(), monitoring.monitoring.store),
    ]);
    stops.push(() => endpoint.close());

    // The functions reach DynamoDB through an observer, which turns each answer into AWS/DynamoDB metrics.
    const observed = await startDynamoDbObserver(dynamo.url, (fact) =>
      monitoring.monitoring.put(dynamoDbDatapoints(fact)),
    );
    stops.push(() => observed.close());

    const runtime = prepareRuntimeFiles(options.home, options.projectRoot);
    const endpoints = endpointEnvironment(observed.url, endpoint.url);
    const deliver = (record: LogRecord) => {
      store.append(record.logGroupName, record.logStreamName, record.line, record.time);
      monitoring.ingest(record);
      web?.record(record);
      events.onRecord(record);
    };
    const accessLog = accessLogDestination(model);
    web = await startWebConsole({
      model,
      monitoring: monitoring.monitoring,
      logsRoot: path.join(options.home, 'logs'),
      lineStreams: store.lineStreams,
      sources: new Map([
        ...model.functions.map((fn) => [fn.logGroupName, fn.functionName] as const),
        ...(accessLog ? [[accessLog.logGroupName, accessLog.apiLogicalId] as const] : []),
      ]),
    });
    stops.push(() => web?.close());
    const specOf = (fn: FunctionModel) => ({
      functionName: fn.functionName,
      workerScript: runtime.workerScript,
      cwd: fn.codeAssetPath ?? options.projectRoot,
      timeoutMs: fn.timeoutSeconds * 1000,
      env: functionEnvironment({
        fn,
        region: pseudo.region,
        nodePath: functionNodePath(fn, fallbackLayerDirs, runtime),
        endpoints,
      }),
    });
    const host = new FunctionHost(model.functions, specOf, deliver, (data) =>
      monitoring.monitoring.put(data),
    );
    stops.push(() => host.stop());
    killOnExit.push(() => {
      for (const fn of model.functions) host.pool(fn.functionName)?.killAll();
    });

    const usersTable = usersTableOf(model.functions, tables);
    const user = usersTable ? await ensureDemoUser(dynamo.client, usersTable, options.home) : undefined;

    const functionNames = new Map(model.functions.map((fn) => [fn.logicalId, fn.functionName]));
    const apiId = apiIdOf(model);
    const routes = model.routes.flatMap((route) => {
      const functionName = route.functionLogicalId && functionNames.get(route.functionLogicalId);
      return functionName ? [{ routeKey: route.routeKey, functionName }] : [];
    });
    const api = await startApiServer({
      port: options.port,
      routes: new RouteTable(routes),
      host,
      apiId,
      accountId: pseudo.accountId,
      localEndpoints: {
        alarms: () => monitoring.monitoring.snapshot().alarms,
        metrics: () => monitoring.monitoring.snapshot().metrics,
      },
      webConsole: (request, response) => web?.handle(request, response) ?? false,
      onRequest: (summary) => {
        if (accessLog) deliver(accessLogRecord(accessLog, summary.access, Date.now()));
        const { access } = summary;
        monitoring.monitoring.put(
          apiGatewayDatapoints({
            apiId,
            stage: '$default',
            timestampMs: access.requestTimeEpoch,
            status: access.status,
            latencyMs: access.responseLatency,
            integrationLatencyMs: access.integrationLatency,
          }),
        );
        monitoring.evaluate();
        events.onRequest(summary);
      },
    });
    stops.push(() => api.close());
    const schedules = await startSchedules(model.schedules, functionNames, host, pseudo);
    stops.push(() => schedules.stop());
    const states = monitoring.start(options.evaluateEverySeconds);
    events.onStep(
      `monitoring: ${model.metricFilters.length} metric filters, ${model.alarms.length} alarms (${states})`,
    );

    return {
      url: `http://localhost:${api.port}`,
      stackName: model.stackName,
      routeKeys: routes.map((route) => route.routeKey),
      user,
      alarmCount: model.alarms.length,
      filterCount: model.metricFilters.length,
      model,
      dynamoDbEndpoint: dynamo.url,
      awsEndpoint: endpoint.url,
      usersTable,
      replaceFunction: async (fn) => host.pool(fn.functionName)?.replace(specOf(fn)),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
