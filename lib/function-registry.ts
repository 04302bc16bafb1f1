import * as path from 'node:path';

/** The project root: `functions/<name>/index.ts` is resolved against it. */
export const projectRoot = path.join(__dirname, '..');

/**
 * Per-function alarm thresholds; each left out takes the stack's value (`alarmThresholds`,
 * `platformAlarmThresholds` of the stack's props, else their named defaults).
 *
 * The error-records and timeout alarms are stack-wide, not per function: their filters also count Lambda's own
 * records (an init crash, an error escaping the handler), which carry no `service` field, so their metrics
 * cannot be split by function. Every function's group feeds them; the per-function signals are the 5xx rate,
 * the p99 latency and the Lambda Errors/Duration alarms below.
 */
export interface FunctionAlarmOverrides {
  /** p99 request latency (EMF), ms over 15 minutes. @default AlarmThresholds.p99LatencyMs (1500) */
  readonly p99LatencyMs?: number;
  /** 5xx share of its requests, percent over 5 minutes. @default AlarmThresholds.serverErrorRatePercent (5) */
  readonly serverErrorRatePercent?: number;
  /** Fewer requests in 5 minutes leave its 5xx rate unevaluated. @default AlarmThresholds.serverErrorRateMinRequests (20) */
  readonly serverErrorRateMinRequests?: number;
  /** Failed invocations (AWS/Lambda Errors) in 5 minutes. @default PlatformAlarmThresholds.lambdaErrorsPer5Min (5) */
  readonly lambdaErrorsPer5Min?: number;
  /** Throttled invocations in 5 minutes. @default PlatformAlarmThresholds.lambdaThrottlesPer5Min (1) */
  readonly lambdaThrottlesPer5Min?: number;
  /** p99 duration as a share of its timeout. @default PlatformAlarmThresholds.durationShareOfTimeout (0.8) */
  readonly durationShareOfTimeout?: number;
}

export interface FunctionDefinition {
  /** kebab-case; the handler is functions/<name>/index.ts, the construct id is PascalCase(name), the service name is <name>. */
  readonly name: string;
  readonly description: string;
  /** HTTP API route keys, e.g. 'GET /orders/{id}'. At least one. */
  readonly routes: readonly string[];
  /** @default 256 */
  readonly memorySize?: number;
  /** @default 10 */
  readonly timeoutSeconds?: number;
  /** Per-function alarm overrides (p99 latency ms, 5xx rate, Lambda errors...), @default the stack's thresholds */
  readonly alarms?: FunctionAlarmOverrides;
  /**
   * The handler file, absolute or relative to the project root. For handlers that live elsewhere (the tests'
   * fixtures); a function of this project keeps its handler where the name says.
   * @default `functions/<name>/index.ts`
   */
  readonly entry?: string;
}

/** Methods an HTTP API route key may start with. */
export const routeMethods = ['ANY', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'] as const;
export type RouteMethod = (typeof routeMethods)[number];

/** `'GET /orders/{id}'` → `{ method: 'GET', path: '/orders/{id}' }`; throws on anything API Gateway refuses. */
export const parseRouteKey = (routeKey: string): { method: RouteMethod; path: string } => {
  const match = /^([A-Z]+) (\/[^\s]*)$/.exec(routeKey);
  const method = match?.[1] as RouteMethod | undefined;
  if (!match || !method || !routeMethods.includes(method)) {
    throw new Error(
      `route "${routeKey}" is not "<METHOD> /path" with a method of ${routeMethods.join(', ')} (e.g. "GET /orders/{id}")`,
    );
  }
  return { method, path: match[2] };
};

const kebabCase = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** `'order-history'` → `'OrderHistory'`: the function's construct id (and so its logical ids). */
export const pascalCase = (name: string): string =>
  name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** The handler file a definition points at, absolute. */
export const entryOf = (definition: FunctionDefinition, root = projectRoot): string =>
  definition.entry === undefined
    ? path.join(root, 'functions', definition.name, 'index.ts')
    : path.resolve(root, definition.entry);

/** Upper bounds of the numbers of an entry (Lambda's limits, shares and percentages); every one is above 0. */
const numberLimits: Readonly<Record<string, number>> = {
  memorySize: 10_240,
  timeoutSeconds: 900,
  p99LatencyMs: Number.POSITIVE_INFINITY,
  serverErrorRatePercent: 100,
  serverErrorRateMinRequests: Number.POSITIVE_INFINITY,
  lambdaErrorsPer5Min: Number.POSITIVE_INFINITY,
  lambdaThrottlesPer5Min: Number.POSITIVE_INFINITY,
  durationShareOfTimeout: 1,
};

const checkNumbers = (name: string, values: object): void => {
  for (const [key, value] of Object.entries(values)) {
    const max = numberLimits[key];
    if (max === undefined) throw new Error(`function "${name}": unknown setting "${key}"`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
      throw new Error(
        `function "${name}": ${key} must be a number above 0 and at most ${max}, not ${String(value)}`,
      );
    }
  }
};

/**
 * Fails at synth with the offending entry named: a bad name, no route, a malformed or duplicated route key,
 * two functions of one name or construct id, a memory, timeout or alarm threshold out of range.
 */
export const validateFunctions = (definitions: readonly FunctionDefinition[]): void => {
  const names = new Set<string>();
  const ids = new Set<string>();
  const routeOwners = new Map<string, string>();
  for (const definition of definitions) {
    const { name } = definition;
    if (!kebabCase.test(name)) throw new Error(`function name "${name}" is not kebab-case (e.g. "orders")`);
    if (names.has(name)) throw new Error(`function "${name}" is listed twice`);
    if (ids.has(pascalCase(name))) throw new Error(`function "${name}" has the construct id of another one`);
    names.add(name);
    ids.add(pascalCase(name));
    const { memorySize, timeoutSeconds } = definition;
    checkNumbers(name, {
      ...(memorySize !== undefined && { memorySize }),
      ...(timeoutSeconds !== undefined && { timeoutSeconds }),
      ...definition.alarms,
    });
    if (memorySize !== undefined && (memorySize < 128 || !Number.isInteger(memorySize)))
      throw new Error(`function "${name}": memorySize must be a whole number of MB from 128`);
    if (definition.routes.length === 0) throw new Error(`function "${name}" has no route`);
    for (const routeKey of definition.routes) {
      parseRouteKey(routeKey);
      const owner = routeOwners.get(routeKey);
      if (owner !== undefined)
        throw new Error(`route "${routeKey}" of "${name}" already belongs to "${owner}"`);
      routeOwners.set(routeKey, name);
    }
  }
};
