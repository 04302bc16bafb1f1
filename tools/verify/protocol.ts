/** The messages between `logs verify` and the child process that runs one function's invocations. */

/** Which function an invocation goes to: its `service` (POWERTOOLS_SERVICE_NAME). */
export type FunctionRole = string;

/**
 * Faults verify injects into any function from outside its code (see fault-injection.ts and aws-fakes.ts):
 * the handler takes its own path from there.
 */
export type GenericFault =
  /** The handler throws before its own code runs, inside its middleware (an unexpected error). */
  | 'forced-throw'
  /** The handler never answers: the layer's timeout record, then Lambda kills the invocation. */
  | 'forced-hang'
  /** The handler takes the plan's `slowMs` before its own code runs (virtual clock). */
  | 'handler-slow'
  /** Every AWS SDK call fails with a service fault (500); a handler that made none answers 500. */
  | 'aws-unavailable'
  /** Lambda rejects the invocation (concurrency exhausted): the handler never runs. */
  | 'lambda-throttled'
  /** Something inside the invocation prints an email and an AWS secret key past the layer. */
  | 'leaks-secrets';

/**
 * Named failures a scenario injects: the generic ones, and those the login and health plug-ins' fakes
 * understand. Each maps to what the real service would do, so the handler takes its real error path.
 */
export type Fault =
  | GenericFault
  // login
  /** The stack forgot USERS_TABLE_NAME for this invocation: the login's ConfigurationError. */
  | 'missing-table-config'
  /** DynamoDB throttles the read: ProvisionedThroughputExceededException (400). */
  | 'dynamodb-throttled'
  // health
  | 'stale-log-stream'
  | 'missing-metric-filter'
  /** The newest login event is hours old and the login function had no invocations: a quiet night. */
  | 'quiet-night'
  /** One of the stack's alarms is in ALARM (DescribeAlarms lists it). */
  | 'alarm-firing'
  // both
  /**
   * A dependency prints what it was given to stdout, past the layer (an SDK client built with
   * `logger: console`): the login's raw email, the health client's credentials.
   */
  | 'sdk-debug-output';

export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  /** The route that matched (`GET /orders/{id}`). @default `${method} ${path}` */
  readonly routeKey?: string;
  /** Values of the route's `{name}` parts. @default none */
  readonly pathParameters?: Readonly<Record<string, string>>;
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
  /** Modules the runner loads before the handler, each exporting `installFakes` (the plug-ins' AWS fakes). */
  readonly fakeModules: readonly string[];
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
