/**
 * Event-shape normalisation: API Gateway REST (v1), HTTP API (v2), WebSocket, Function URL, ALB, VPC Lattice
 * (v1/v2) and non-HTTP events all reduce to the same few request fields, so the middleware writes one record
 * shape whatever the trigger. Anything else (null, a string, an array, a Step Functions state) yields no fields.
 */
import { nonHttpSource } from './event-source';

export interface HttpFields {
  method?: string;
  route?: string;
  path?: string;
  source_ip?: string;
  user_agent?: string;
  api_request_id?: string;
}

export interface EventInfo {
  /** `api-gateway-rest|http|websocket`, `function-url`, `alb`, `vpc-lattice`, or the source a non-HTTP event names. */
  readonly eventSource?: string;
  /** Present only for HTTP events (a WebSocket event has a route but no method or path). */
  readonly http?: HttpFields;
  /** The gateway's (or CloudFront's) request id, a correlation id fallback. */
  readonly gatewayRequestId?: string;
  /** Lower-cased header names to their first value. */
  readonly headers: ReadonlyMap<string, string>;
}

type Loose = Record<string, unknown>;

const asObject = (value: unknown): Loose | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : undefined;
const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
/** A header value: a string, or the first of a list (v1/ALB `multiValueHeaders`, VPC Lattice v2 `headers`). */
const firstString = (value: unknown): string | undefined =>
  Array.isArray(value) ? asString(value[0]) : asString(value);

/** Header names are case-insensitive; v1/ALB may send only `multiValueHeaders`, where `headers` then wins. */
const headerMap = (...sources: unknown[]): Map<string, string> => {
  const headers = new Map<string, string>();
  for (const source of sources) {
    const object = asObject(source);
    if (!object) continue;
    for (const name in object) {
      const text = firstString(object[name]);
      if (text !== undefined) headers.set(name.toLowerCase(), text);
    }
  }
  return headers;
};

/** `POST /login` becomes `/login`; `$default` stays as is. */
const routeOfKey = (routeKey: string | undefined): string | undefined =>
  routeKey?.includes(' ') ? routeKey.slice(routeKey.indexOf(' ') + 1) : routeKey;

/** The first address of `X-Forwarded-For` is the client (ALB and VPC Lattice have no sourceIp of their own). */
const forwardedFor = (headers: ReadonlyMap<string, string>): string | undefined =>
  headers.get('x-forwarded-for')?.split(',')[0]?.trim() || undefined;

/** A path without its query string (VPC Lattice v1 `raw_path` carries one, possibly with secrets). */
const pathOnly = (path: string | undefined): string | undefined =>
  path?.includes('?') ? path.slice(0, path.indexOf('?')) : path;

const none: ReadonlyMap<string, string> = new Map();

/** HTTP API v2 and Function URL (`requestContext.http`). */
const v2Event = (event: Loose, context: Loose, v2http: Loose): EventInfo => {
  const headers = headerMap(event.headers);
  const isUrl = asString(context.domainName)?.includes('.lambda-url.') ?? false;
  return {
    eventSource: isUrl ? 'function-url' : 'api-gateway-http',
    gatewayRequestId: asString(context.requestId),
    headers,
    http: {
      method: asString(v2http.method),
      route: isUrl ? undefined : routeOfKey(asString(event.routeKey) ?? asString(context.routeKey)),
      path: asString(v2http.path) ?? asString(event.rawPath),
      source_ip: asString(v2http.sourceIp),
      user_agent: asString(v2http.userAgent) ?? headers.get('user-agent'),
      api_request_id: asString(context.requestId),
    },
  };
};

/** API Gateway REST v1, ALB and WebSocket events (`requestContext` with `httpMethod`, `elb` or `connectionId`). */
const v1Event = (event: Loose, context: Loose): EventInfo | undefined => {
  const method = asString(event.httpMethod);
  const isAlb = asObject(context.elb) !== undefined;
  const routeKey = method === undefined && !isAlb ? asString(context.routeKey) : undefined;
  if (method === undefined && routeKey === undefined) return undefined;
  const headers = headerMap(event.multiValueHeaders, event.headers);
  const identity = asObject(context.identity);
  const sourceIp = isAlb ? forwardedFor(headers) : (asString(identity?.sourceIp) ?? forwardedFor(headers));
  const userAgent = headers.get('user-agent') ?? asString(identity?.userAgent);
  if (routeKey !== undefined) {
    return {
      eventSource: 'api-gateway-websocket',
      gatewayRequestId: asString(context.requestId),
      headers,
      http: { route: routeKey, source_ip: sourceIp, user_agent: userAgent },
    };
  }
  if (isAlb) {
    return {
      eventSource: 'alb',
      headers,
      http: { method, path: asString(event.path), source_ip: sourceIp, user_agent: userAgent },
    };
  }
  return {
    eventSource: 'api-gateway-rest',
    gatewayRequestId: asString(context.requestId),
    headers,
    http: {
      method,
      route: asString(event.resource) ?? asString(context.resourcePath),
      path: asString(event.path),
      source_ip: sourceIp,
      user_agent: userAgent,
      api_request_id: asString(context.requestId),
    },
  };
};

/**
 * VPC Lattice, both with a top-level `method`: v2 has `path` and a requestContext naming the service (network)
 * or target group; v1 has `raw_path` (query included) and `is_base64_encoded`. A plain object that merely has
 * `method` (a Step Functions state) is not HTTP.
 */
const latticeEvent = (event: Loose, context: Loose | undefined, method: string): EventInfo | undefined => {
  const isV2 =
    context !== undefined && (context.serviceArn ?? context.serviceNetworkArn ?? context.targetGroupArn);
  const path = isV2
    ? asString(event.path)
    : 'is_base64_encoded' in event
      ? asString(event.raw_path)
      : undefined;
  if (path === undefined) return undefined;
  const headers = headerMap(event.headers);
  return {
    eventSource: 'vpc-lattice',
    headers,
    http: {
      method,
      path: pathOnly(path),
      source_ip: forwardedFor(headers),
      user_agent: headers.get('user-agent') ?? headers.get('user_agent'),
    },
  };
};

export const describeEvent = (raw: unknown): EventInfo => {
  const event = asObject(raw);
  if (!event) return { headers: none };
  const context = asObject(event.requestContext);
  if (context) {
    const v2http = asObject(context.http);
    if (v2http) return v2Event(event, context, v2http);
    const info = v1Event(event, context);
    if (info) return info;
  } else if (asString(event.httpMethod) !== undefined) {
    // a REST v1 event without its requestContext (tests, proxies): still HTTP
    return v1Event(event, {}) ?? { headers: none };
  }
  const method = asString(event.method);
  const lattice = method === undefined ? undefined : latticeEvent(event, context, method);
  return lattice ?? nonHttpSource(event);
};
