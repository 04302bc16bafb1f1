/**
 * Event-shape normalisation: API Gateway REST (v1), HTTP API (v2), WebSocket, Function URL, ALB, VPC Lattice
 * (v1/v2) and non-HTTP events all reduce to the same few request fields, so the middleware writes one record
 * shape whatever the trigger. Anything else (null, a string, an array, a Step Functions state) yields no fields.
 * The fields are safe to write: `path` and `user_agent` redacted (the route template names secret segments),
 * `source_ip` only when it is an address the platform saw.
 */
import { forwardedFor, type HeaderLookup, headerLookup, noHeaders } from './event-headers';
import { nonHttpSource } from './event-source';
import { ipAddress } from './ip-address';
import { rememberTemplate } from './path-redaction';
import { defaultRedaction, type RedactionPolicy, redactPath } from './redaction';
import { redactedMarker } from './secret-keys';

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
  /** The request's headers, by lower-case name. */
  readonly headers: HeaderLookup;
}

type Loose = Record<string, unknown>;

const asObject = (value: unknown): Loose | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : undefined;
const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
/** `POST /login` becomes `/login`; `$default` stays as is. */
const routeOfKey = (routeKey: string | undefined): string | undefined =>
  routeKey?.includes(' ') ? routeKey.slice(routeKey.indexOf(' ') + 1) : routeKey;

/** HTTP API v2 and Function URL (`requestContext.http`). */
const v2Event = (event: Loose, context: Loose, v2http: Loose): EventInfo => {
  const headers = headerLookup(event.headers);
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
  const headers = headerLookup(event.multiValueHeaders, event.headers);
  const identity = asObject(context.identity);
  const sourceIp = isAlb ? forwardedFor(event) : (asString(identity?.sourceIp) ?? forwardedFor(event));
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
  const route = asString(event.resource) ?? asString(context.resourcePath);
  // the context's path (stage first) is the same route: a handler that logs its event writes it too
  const contextPath = asString(context.path);
  if (contextPath !== undefined) rememberTemplate(contextPath, route);
  return {
    eventSource: 'api-gateway-rest',
    gatewayRequestId: asString(context.requestId),
    headers,
    http: {
      method,
      route,
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
  const headers = headerLookup(event.headers);
  return {
    eventSource: 'vpc-lattice',
    headers,
    http: {
      method,
      path,
      source_ip: forwardedFor(event),
      user_agent: headers.get('user-agent') ?? headers.get('user_agent'),
    },
  };
};

/**
 * The fields as a record may show them: the path without its query (VPC Lattice v1 `raw_path` carries one, REST
 * and ALB paths may) and with secret segments redacted, the user agent redacted as text, the source IP only when
 * it is one.
 */
const safeFields = (info: EventInfo, policy: RedactionPolicy): EventInfo => {
  const http = info.http;
  if (!http) return info;
  if (http.path !== undefined) http.path = redactPath(http.path, http.route, policy);
  if (http.user_agent !== undefined) http.user_agent = redactUserAgent(http.user_agent, policy);
  // undefined fields are not written; assigning keeps the object's shape (a delete would slow every later copy)
  http.source_ip = ipAddress(http.source_ip);
  return info;
};

const redactUserAgent = (userAgent: string, policy: RedactionPolicy): string => {
  try {
    return policy.text(userAgent);
  } catch {
    return redactedMarker;
  }
};

const describeShape = (raw: unknown): EventInfo => {
  const event = asObject(raw);
  if (!event) return { headers: noHeaders };
  const context = asObject(event.requestContext);
  if (context) {
    const v2http = asObject(context.http);
    if (v2http) return v2Event(event, context, v2http);
    const info = v1Event(event, context);
    if (info) return info;
  } else if (asString(event.httpMethod) !== undefined) {
    // a REST v1 event without its requestContext (tests, proxies): still HTTP
    return v1Event(event, {}) ?? { headers: noHeaders };
  }
  const method = asString(event.method);
  const lattice = method === undefined ? undefined : latticeEvent(event, context, method);
  return lattice ?? nonHttpSource(event);
};

/** The request fields of any event, safe to write (`policy` adds a middleware's own redaction keys). */
export const describeEvent = (raw: unknown, policy: RedactionPolicy = defaultRedaction): EventInfo =>
  safeFields(describeShape(raw), policy);
