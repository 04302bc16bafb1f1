import type { MetricDatum } from './types';

/**
 * The metrics AWS services publish about themselves (`AWS/Lambda`, `AWS/ApiGateway`, `AWS/DynamoDB`), derived
 * from what a runtime observed: one fact per invocation, request or SDK call in, the datapoints CloudWatch would
 * hold out. Pure: `logs verify` feeds it simulated outcomes, `npm start` what the local runtime did.
 */

/** How one Lambda invocation ended, as the Lambda service sees it. */
export type InvocationOutcome = 'success' | 'error' | 'timeout' | 'throttled';

export interface LambdaInvocationFact {
  readonly functionName: string;
  readonly timestampMs: number;
  /** Billed duration before rounding; for a timeout, the function's timeout. */
  readonly durationMs: number;
  readonly outcome: InvocationOutcome;
}

export interface ApiRequestFact {
  readonly apiId: string;
  readonly stage: string;
  readonly timestampMs: number;
  readonly status: number;
  /** From request in to response out, as `Latency`. */
  readonly latencyMs: number;
  /** Time the integration took, when one was called. */
  readonly integrationLatencyMs?: number;
}

export interface DynamoDbCallFact {
  readonly tableName: string;
  /** The API operation (`GetItem`), not the document client's command name. */
  readonly operation: string;
  readonly timestampMs: number;
  /** The AWS error code, when the call failed. */
  readonly errorCode?: string;
  /** HTTP status of the answer, which tells a throttle (400) and a system error (5xx) apart from the rest. */
  readonly httpStatus?: number;
  readonly latencyMs?: number;
}

/** DynamoDB's throttling answers: provisioned or on-demand limits, and account/partition request limits. */
export const dynamoDbThrottleCodes: ReadonlySet<string> = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

const datum = (
  namespace: string,
  metricName: string,
  dimensions: Readonly<Record<string, string>>,
  timestampMs: number,
  value: number,
  unit: string,
): MetricDatum => ({ namespace, metricName, dimensions, timestampMs, value, unit, source: namespace });

/**
 * Invocations, Errors (0 or 1 for every invocation that ran: a thrown error, a crash or a timeout is 1),
 * Duration, and Throttles for an invocation that never ran (a throttled one is no invocation).
 */
export const lambdaDatapoints = (fact: LambdaInvocationFact): MetricDatum[] => {
  const dimensions = { FunctionName: fact.functionName };
  const at = (name: string, value: number, unit = 'Count') =>
    datum('AWS/Lambda', name, dimensions, fact.timestampMs, value, unit);
  if (fact.outcome === 'throttled') return [at('Throttles', 1)];
  return [
    at('Invocations', 1),
    at('Errors', fact.outcome === 'success' ? 0 : 1),
    at('Duration', fact.durationMs, 'Milliseconds'),
  ];
};

/**
 * HTTP API metrics, per API and per API and stage: Count, 4xx and 5xx (0 or 1 each), Latency and, when an
 * integration ran, IntegrationLatency.
 */
export const apiGatewayDatapoints = (fact: ApiRequestFact): MetricDatum[] =>
  ([{ ApiId: fact.apiId }, { ApiId: fact.apiId, Stage: fact.stage }] as Record<string, string>[]).flatMap(
    (dimensions) => {
      const at = (name: string, value: number, unit = 'Count') =>
        datum('AWS/ApiGateway', name, dimensions, fact.timestampMs, value, unit);
      const data = [
        at('Count', 1),
        at('4xx', fact.status >= 400 && fact.status < 500 ? 1 : 0),
        at('5xx', fact.status >= 500 ? 1 : 0),
        at('Latency', fact.latencyMs, 'Milliseconds'),
      ];
      if (fact.integrationLatencyMs !== undefined)
        data.push(at('IntegrationLatency', fact.integrationLatencyMs, 'Milliseconds'));
      return data;
    },
  );

/**
 * Per table and operation: ThrottledRequests for a throttling answer, SystemErrors for a 5xx, and
 * SuccessfulRequestLatency for an answer without error. UserErrors (other 4xx) is published per account and
 * region by DynamoDB, without a table: it is left out.
 */
export const dynamoDbDatapoints = (fact: DynamoDbCallFact): MetricDatum[] => {
  const dimensions = { TableName: fact.tableName, Operation: fact.operation };
  const at = (name: string, value: number, unit = 'Count') =>
    datum('AWS/DynamoDB', name, dimensions, fact.timestampMs, value, unit);
  if (fact.errorCode === undefined)
    return fact.latencyMs === undefined
      ? []
      : [at('SuccessfulRequestLatency', fact.latencyMs, 'Milliseconds')];
  if (dynamoDbThrottleCodes.has(fact.errorCode)) return [at('ThrottledRequests', 1)];
  if ((fact.httpStatus ?? 0) >= 500) return [at('SystemErrors', 1)];
  return [];
};
