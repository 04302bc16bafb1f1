import { Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type EventName, type FieldName, recordKeys } from '../layer/src/event-catalog';
import { accessLogKeys } from './access-log-keys';

/** Catalog field names the queries read; typed, so a renamed field breaks the build. */
const route: FieldName<'request_completed'> = 'route';
const statusCode: FieldName<'request_completed'> = 'status_code';
const durationMs: FieldName<'request_completed'> = 'duration_ms';
const error: FieldName<'request_failed'> = 'error';
const outcome: FieldName<'login_attempt'> = 'outcome';
const sourceIp: FieldName<'login_attempt'> = 'source_ip';
const userHash: FieldName<'login_attempt'> = 'user_hash';
const reason: FieldName<'login_attempt'> = 'reason';
const apiRequestId: FieldName<'request_completed'> = 'api_request_id';
/** Keys of the serialized error object (the record contract's `error: { name, message, stack, cause }`). */
const errorName = `${error}.name`;
const errorMessage = `${error}.message`;
const errorStack = `${error}.stack`;

const k = recordKeys;
const isEvent = (event: EventName): string => `${k.message} = "${event}"`;

/** Replace this in the console before running "one request by correlation id". */
export const CorrelationIdPlaceholder = 'PASTE-CORRELATION-ID';

export interface SavedQueriesProps {
  /** Every function's log group. */
  readonly functionLogGroups: readonly logs.ILogGroup[];
  /** The login function's group: the failed-logins query reads it. @default - no failed-logins query */
  readonly loginLogGroup?: logs.ILogGroup;
  readonly accessLogGroup: logs.ILogGroup;
  /**
   * Shown as a folder in the Logs Insights console ("folder/Query name"); the stack name keeps two deployments'
   * queries apart in one account. @default `Cream/<stack name>`
   */
  readonly folder?: string;
}

/** Logs Insights queries saved in the console, each pointing at the log groups that hold its records. */
export class SavedQueries extends Construct {
  public readonly queries: Readonly<Record<string, logs.QueryDefinition>>;

  constructor(scope: Construct, id: string, props: SavedQueriesProps) {
    super(scope, id);
    const folder = props.folder ?? `Cream/${Stack.of(this).stackName}`;
    const fns = [...props.functionLogGroups];
    const define = (name: string, logGroups: logs.ILogGroup[], queryString: logs.QueryString) =>
      new logs.QueryDefinition(this, name.replace(/[^A-Za-z0-9]/g, ''), {
        queryDefinitionName: `${folder}/${name}`,
        logGroups,
        queryString,
      });

    this.queries = {
      recentErrors: define(
        'Recent errors with stack',
        fns,
        new logs.QueryString({
          fields: ['@timestamp', k.service, k.message, k.correlationId, errorName, errorMessage, errorStack],
          filterStatements: [`${k.category} = "error"`],
          sort: '@timestamp desc',
          limit: 50,
        }),
      ),
      slowestRequests: define(
        'Slowest requests',
        fns,
        new logs.QueryString({
          fields: ['@timestamp', k.service, route, statusCode, durationMs, k.coldStart, k.correlationId],
          // A request cut off by the Lambda timeout writes request_timeout, not request_completed: the slowest of all.
          filterStatements: [`${isEvent('request_completed')} or ${isEvent('request_timeout')}`],
          sort: `${durationMs} desc`,
          limit: 25,
        }),
      ),
      ...(props.loginLogGroup && {
        failedLoginsBySourceIp: define(
          'Failed logins by source IP',
          [props.loginLogGroup],
          new logs.QueryString({
            filterStatements: [isEvent('login_attempt'), `${outcome} = "failure"`],
            statsStatements: [
              // the keyed hash: masked emails (a***@example.com) would count every a-name of a domain as one
              `count(*) as failures, count_distinct(${userHash}) as users, count_distinct(${reason}) as reasons, latest(@timestamp) as last_seen by ${sourceIp}`,
            ],
            sort: 'failures desc',
            limit: 50,
          }),
        ),
      }),
      latencyByRoute: define(
        'Latency percentiles by route',
        fns,
        new logs.QueryString({
          filterStatements: [isEvent('request_completed')],
          statsStatements: [
            `count(*) as requests, pct(${durationMs}, 50) as p50, pct(${durationMs}, 90) as p90, pct(${durationMs}, 99) as p99, max(${durationMs}) as max_ms by ${route}`,
          ],
          sort: 'p99 desc',
        }),
      ),
      coldStarts: define(
        'Cold starts',
        fns,
        new logs.QueryString({
          // Insights exposes a JSON `true` as 1; the string form covers records that stringified it.
          filterStatements: [`${k.coldStart} = 1 or ${k.coldStart} = "true"`],
          statsStatements: [`count_distinct(${k.requestId}) as cold_starts by ${k.service}, bin(1h)`],
        }),
      ),
      requestByCorrelationId: define(
        'One request by correlation id',
        // The access log too: its requestId is API Gateway's, which every function record also carries.
        [...fns, props.accessLogGroup],
        new logs.QueryString({
          fields: [
            '@timestamp',
            '@log',
            k.level,
            k.message,
            k.category,
            route,
            statusCode,
            durationMs,
            k.correlationId,
            apiRequestId,
            k.requestId,
          ],
          // Any id of the request: the caller's correlation id, API Gateway's (the apigw-requestid header, the
          // access log's requestId) or Lambda's. From the caller's own id the function records show
          // api_request_id; the access log cannot record request headers, so run again with that id for its line.
          filterStatements: [
            [
              `${k.correlationId} = "${CorrelationIdPlaceholder}"`,
              `${apiRequestId} = "${CorrelationIdPlaceholder}"`,
              `${k.requestId} = "${CorrelationIdPlaceholder}"`,
              `${accessLogKeys.requestId} = "${CorrelationIdPlaceholder}"`,
              `${accessLogKeys.lambdaRequestId} = "${CorrelationIdPlaceholder}"`,
            ].join(' or '),
          ],
          sort: '@timestamp asc',
        }),
      ),
    };
  }
}
