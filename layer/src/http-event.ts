/**
 * Event-shape normalisation: API Gateway REST (v1), HTTP API (v2), Function URL, ALB and non-HTTP events all
 * reduce to the same few request fields, so the middleware writes one record shape whatever the trigger.
 */

export interface HttpFields {
  method?: string;
  route?: string;
  path?: string;
  source_ip?: string;
  user_agent?: string;
}

export interface EventInfo {
  /** `api-gateway-rest`, `api-gateway-http`, `function-url`, `alb`, or the source a non-HTTP event names. */
  readonly eventSource?: string;
  /** Present only for HTTP events. */
  readonly http?: HttpFields;
  /** The API Gateway request id, a correlation id fallback. */
  readonly gatewayRequestId?: string;
  /** Lower-cased header names to their first value. */
  readonly headers: ReadonlyMap<string, string>;
}

type Loose = Record<string, unknown>;

const asObject = (value: unknown): Loose | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : undefined;
const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** Header names are case-insensitive; v1/ALB may send only `multiValueHeaders`. */
const headerMap = (event: Loose): Map<string, string> => {
  const headers = new Map<string, string>();
  for (const [name, values] of Object.entries(asObject(event.multiValueHeaders) ?? {})) {
    const first = Array.isArray(values) ? asString(values[0]) : undefined;
    if (first !== undefined) headers.set(name.toLowerCase(), first);
  }
  for (const [name, value] of Object.entries(asObject(event.headers) ?? {})) {
    const text = asString(value);
    if (text !== undefined) headers.set(name.toLowerCase(), text);
  }
  return headers;
};

/** `POST /login` becomes `/login`; `$default` stays as is. */
const routeOfKey = (routeKey: string | undefined): string | undefined =>
  routeKey?.includes(' ') ? routeKey.slice(routeKey.indexOf(' ') + 1) : routeKey;

/** The first address of `X-Forwarded-For` is the client (ALB has no sourceIp of its own). */
const forwardedFor = (headers: ReadonlyMap<string, string>): string | undefined =>
  headers.get('x-forwarded-for')?.split(',')[0]?.trim() || undefined;

const nonHttpSource = (event: Loose): string | undefined => {
  const records = Array.isArray(event.Records) ? event.Records : undefined;
  const first = asObject(records?.[0]);
  if (first) return asString(first.eventSource) ?? asString(first.EventSource);
  return asString(event.source) ?? asString(event.eventSource);
};

export const describeEvent = (raw: unknown): EventInfo => {
  const event = asObject(raw);
  if (!event) return { headers: new Map() };
  const headers = headerMap(event);
  const context = asObject(event.requestContext);
  const userAgent = headers.get('user-agent');
  const v2http = asObject(context?.http);
  if (v2http) {
    const isUrl = asString(context?.domainName)?.includes('.lambda-url.') ?? false;
    return {
      eventSource: isUrl ? 'function-url' : 'api-gateway-http',
      gatewayRequestId: asString(context?.requestId),
      headers,
      http: {
        method: asString(v2http.method),
        route: isUrl ? undefined : routeOfKey(asString(event.routeKey)),
        path: asString(v2http.path) ?? asString(event.rawPath),
        source_ip: asString(v2http.sourceIp),
        user_agent: asString(v2http.userAgent) ?? userAgent,
      },
    };
  }
  if (asObject(context?.elb)) {
    return {
      eventSource: 'alb',
      headers,
      http: {
        method: asString(event.httpMethod),
        path: asString(event.path),
        source_ip: forwardedFor(headers),
        user_agent: userAgent,
      },
    };
  }
  if (asString(event.httpMethod) !== undefined) {
    const identity = asObject(context?.identity);
    return {
      eventSource: 'api-gateway-rest',
      gatewayRequestId: asString(context?.requestId),
      headers,
      http: {
        method: asString(event.httpMethod),
        route: asString(event.resource) ?? asString(context?.resourcePath),
        path: asString(event.path),
        source_ip: asString(identity?.sourceIp) ?? forwardedFor(headers),
        user_agent: userAgent ?? asString(identity?.userAgent),
      },
    };
  }
  return { eventSource: nonHttpSource(event), headers };
};
