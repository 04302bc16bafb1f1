/**
 * The event catalog: the one list of what code may log. The middleware, the handlers, the CDK metric filters,
 * alarms, dashboards and saved queries all read these names from here, so a rename breaks the build instead of
 * silently breaking an alarm. Field specs are runtime values (the stack reads them) with types derived from them.
 */

export type Category = 'application' | 'security' | 'performance' | 'error';
export type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

interface FieldSpec {
  readonly type: 'string' | 'number' | 'boolean' | 'object';
  readonly values?: readonly string[];
  readonly optional?: true;
}

const string = { type: 'string' } as const;
const number = { type: 'number' } as const;
const object = { type: 'object' } as const;
const oneOf = <const V extends readonly string[]>(...values: V) => ({ type: 'string', values }) as const;
const optional = <const F extends FieldSpec>(spec: F) => ({ ...spec, optional: true }) as const;

/** The HTTP request fields shared by request_* records; absent for non-HTTP events. */
const httpFields = {
  method: optional(string),
  route: optional(string),
  path: optional(string),
  source_ip: optional(string),
  user_agent: optional(string),
  /** The gateway's own request id (API Gateway's `apigw-requestid`), also when the caller sent a correlation id. */
  api_request_id: optional(string),
} as const;

/**
 * Memory of the instance: resident set size, V8 heap in use, the function's configured memory and the share of
 * it in use. The middleware puts them on a request's final record on the cold start and above its threshold.
 */
const memoryFields = {
  memory_used_mb: optional(number),
  heap_used_mb: optional(number),
  memory_limit_mb: optional(number),
  memory_share: optional(number),
} as const;

/** AWS SDK call fields shared by instrumented-client records. */
const sdkCallFields = {
  aws_service: string,
  operation: string,
  duration_ms: number,
  outcome: oneOf('success', 'failure'),
  table: optional(string),
} as const;

const sdkErrorFields = {
  aws_service: string,
  operation: string,
  error_code: string,
  duration_ms: optional(number),
  http_status: optional(number),
  error: optional(object),
} as const;

/**
 * An outgoing HTTP call (`fetch`, undici): method, host (with a non-default port), a route-like path (no query,
 * secrets redacted, ids as `{id}`) and the response status. `http_status` is the SDK error's status too.
 */
const httpCallFields = {
  http_method: optional(string),
  http_host: optional(string),
  http_path: optional(string),
  http_status: optional(number),
} as const;

/** `external_call` is written for AWS SDK calls (SDK fields) and for HTTP calls (HTTP fields). */
const externalCallFields = {
  aws_service: optional(string),
  operation: optional(string),
  ...httpCallFields,
  duration_ms: number,
  outcome: oneOf('success', 'failure'),
  table: optional(string),
} as const;

const externalErrorFields = {
  aws_service: optional(string),
  operation: optional(string),
  ...httpCallFields,
  error_code: string,
  duration_ms: optional(number),
  error: optional(object),
} as const;

export const catalog = {
  // application
  request_started: { category: 'application', level: 'DEBUG', fields: { ...httpFields } },
  request_completed: {
    category: 'application',
    level: 'INFO',
    fields: {
      ...httpFields,
      status_code: optional(number),
      duration_ms: number,
      event_source: optional(string),
      ...memoryFields,
    },
  },
  user_action: {
    category: 'application',
    level: 'INFO',
    fields: { action: string, user: optional(string), target: optional(string) },
  },
  system_event: {
    category: 'application',
    level: 'INFO',
    fields: {
      event: oneOf('cold_start', 'init', 'health_check', 'shutdown'),
      /** What ran a health check: the scheduled probe (what the health alarm counts) or an HTTP request. */
      trigger: optional(oneOf('schedule', 'request')),
      status: optional(oneOf('healthy', 'degraded', 'unhealthy')),
      failed_checks: optional(number),
      checks: optional(object),
      init_duration_ms: optional(number),
      detail: optional(string),
    },
  },
  // security
  login_attempt: {
    category: 'security',
    level: 'INFO',
    fields: {
      outcome: oneOf('success', 'failure'),
      reason: optional(oneOf('unknown_user', 'bad_password', 'invalid_input')),
      user: optional(string),
      /** A keyed hash of the normalized login name: one value per person, unlike the masked `user`. */
      user_hash: optional(string),
      source_ip: optional(string),
      user_agent: optional(string),
    },
  },
  password_changed: { category: 'security', level: 'INFO', fields: { user: string } },
  token_issued: {
    category: 'security',
    level: 'INFO',
    fields: { user: string, token_type: string, expires_in: number },
  },
  token_rejected: {
    category: 'security',
    level: 'WARN',
    fields: { reason: string, user: optional(string) },
  },
  access_denied: {
    category: 'security',
    level: 'WARN',
    fields: { reason: string, resource: optional(string), user: optional(string) },
  },
  // performance
  db_query: { category: 'performance', level: 'DEBUG', fields: { ...sdkCallFields } },
  external_call: { category: 'performance', level: 'DEBUG', fields: { ...externalCallFields } },
  resource_usage: {
    category: 'performance',
    level: 'INFO',
    fields: { ...memoryFields, memory_used_mb: number, duration_ms: optional(number) },
  },
  // error
  request_failed: {
    category: 'error',
    level: 'ERROR',
    fields: {
      ...httpFields,
      status_code: optional(number),
      duration_ms: number,
      error: object,
      ...memoryFields,
    },
  },
  request_timeout: {
    category: 'error',
    level: 'ERROR',
    fields: { ...httpFields, duration_ms: number, remaining_ms: number, ...memoryFields },
  },
  validation_failed: {
    category: 'error',
    level: 'WARN',
    fields: { field: string, problem: string },
  },
  database_error: { category: 'error', level: 'ERROR', fields: { ...sdkErrorFields } },
  external_service_error: { category: 'error', level: 'ERROR', fields: { ...externalErrorFields } },
} as const satisfies Record<
  string,
  { category: Category; level: Level; fields: Readonly<Record<string, FieldSpec>> }
>;

export type Catalog = typeof catalog;
export type EventName = keyof Catalog;
export type FieldName<E extends EventName> = keyof Catalog[E]['fields'] & string;

type FieldValue<F> = F extends { values: readonly (infer V)[] }
  ? V
  : F extends { type: 'number' }
    ? number
    : F extends { type: 'boolean' }
      ? boolean
      : F extends { type: 'object' }
        ? object
        : string;
type Specs<E extends EventName> = Catalog[E]['fields'];
type OptionalKeys<E extends EventName> = {
  [K in keyof Specs<E>]: Specs<E>[K] extends { optional: true } ? K : never;
}[keyof Specs<E>];
type RequiredKeys<E extends EventName> = Exclude<keyof Specs<E>, OptionalKeys<E>>;

/** The typed fields of one event: a missing required field or a wrong type is a compile error. */
export type EventFields<E extends EventName> = { [K in RequiredKeys<E>]: FieldValue<Specs<E>[K]> } & {
  [K in OptionalKeys<E>]?: FieldValue<Specs<E>[K]>;
};

/** The value type a field accepts, for building filter patterns that match only values the code can write. */
export type EventFieldValue<E extends EventName, K extends FieldName<E>> = FieldValue<Specs<E>[K]>;

/**
 * Keys every record carries besides its event fields (the record contract). Alarms and queries name them
 * through this object, never as string literals.
 */
export const recordKeys = {
  timestamp: 'timestamp',
  level: 'level',
  service: 'service',
  message: 'message',
  category: 'category',
  correlationId: 'correlation_id',
  coldStart: 'cold_start',
  functionName: 'function_name',
  requestId: 'function_request_id',
  traceId: 'xray_trace_id',
  truncated: 'truncated',
} as const;

export const categories = ['application', 'security', 'performance', 'error'] as const satisfies Category[];

/** Names of the events of one category, e.g. every error event, in catalog order. */
export const eventsOfCategory = (category: Category): EventName[] =>
  (Object.keys(catalog) as EventName[]).filter((name) => catalog[name].category === category);
