/** The messages between `logs verify` and the child process that runs one function's invocations. */

export type FunctionRole = 'login' | 'health';

/**
 * Named failures a scenario injects into the in-process AWS fakes. Each maps to what the real service would
 * do, so the handler takes its real error path.
 */
export type Fault =
  | 'dynamodb-unavailable'
  | 'dynamodb-hangs'
  | 'missing-table-config'
  | 'logs-api-hangs'
  | 'stale-log-stream'
  | 'missing-metric-filter'
  /** The newest login event is hours old and the login function had no invocations: a quiet night. */
  | 'quiet-night'
  /** One of the stack's alarms is in ALARM (DescribeAlarms lists it). */
  | 'alarm-firing'
  /** DynamoDB throttles the read: ProvisionedThroughputExceededException (400). */
  | 'dynamodb-throttled'
  /** DynamoDB answers, but only after the plan's `slowMs` (simulated on the runner's virtual clock). */
  | 'dynamodb-slow'
  /** CloudWatch Logs answers DescribeLogGroups only after the plan's `slowMs` (virtual clock). */
  | 'logs-api-slow'
  /** Lambda rejects the invocation (concurrency exhausted): the handler never runs. */
  | 'lambda-throttled'
  /**
   * A dependency prints what it was given to stdout, past the layer (an SDK client built with
   * `logger: console`): the login's raw email, the health client's credentials.
   */
  | 'sdk-debug-output';

export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly sourceIp: string;
}

export interface InvocationPlan {
  readonly id: number;
  readonly scenario: string;
  readonly role: FunctionRole;
  /** Simulated time of the invocation, in ms since the start of the simulation. */
  readonly atMs: number;
  readonly request: HttpRequest;
  /** `schedule`: the EventBridge probe invokes the function directly with a scheduled event. @default http */
  readonly trigger?: 'http' | 'schedule';
  readonly faults: readonly Fault[];
  /** What `context.getRemainingTimeInMillis()` starts from; short in timeout scenarios. */
  readonly remainingMs: number;
  /** How long a slow dependency takes (the `*-slow` faults). */
  readonly slowMs?: number;
}

/** The AWS data the fakes serve, derived from the stack model so Describe* answers match the template. */
export interface AwsFixtures {
  readonly users: readonly { readonly email: string; readonly password: string }[];
  readonly jwtSecret: string;
  readonly logGroups: readonly { readonly name: string; readonly retentionDays?: number }[];
  readonly metricFilters: readonly { readonly logGroupName: string; readonly filterName: string }[];
  /** What the `sdk-debug-output` fault prints as the health client's credentials (random, never real). */
  readonly debugCredentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export interface RunnerInput {
  readonly role: FunctionRole;
  /** The handler bundled from its source with the layer (exports `handler` and `setLogSink`). */
  readonly bundle: string;
  readonly functionName: string;
  readonly memoryMb: number;
  readonly logGroupName: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly fixtures: AwsFixtures;
  readonly invocations: readonly InvocationPlan[];
}

export interface CapturedRecord {
  readonly invocationId: number;
  readonly line: string;
}

/** One DynamoDB call a fake answered, as the service would count it. */
export interface DynamoCall {
  readonly tableName: string;
  readonly operation: string;
  readonly errorCode?: string;
  readonly httpStatus?: number;
  /** Offset from the invocation's start. */
  readonly atMs: number;
  readonly latencyMs: number;
}

export interface InvocationOutcome {
  readonly invocationId: number;
  /** The Lambda request id of the invocation (context.awsRequestId). */
  readonly requestId?: string;
  readonly statusCode?: number;
  /** The error the handler rejected with (thrown errors and timeouts), by name; `Killed` past the deadline. */
  readonly error?: string;
  readonly errorMessage?: string;
  /** Lambda rejected the invocation: nothing ran. */
  readonly throttled?: boolean;
  /** Duration on the runner's clock (slow dependencies included). */
  readonly wallMs: number;
  readonly dynamoCalls: readonly DynamoCall[];
}

export type RunnerOutput =
  | { readonly type: 'done'; readonly records: CapturedRecord[]; readonly outcomes: InvocationOutcome[] }
  | { readonly type: 'failed'; readonly message: string };
