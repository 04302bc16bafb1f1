import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import postEvent from '../fixtures/pt-ts_no-auth.json';
import getEvent from '../fixtures/rust_apigw_v2_proxy_request_minimal.json';

export interface LoginRequest {
  readonly body?: string;
  /** `null` removes the header; undefined keeps the form type. */
  readonly contentType?: string | null;
  readonly isBase64Encoded?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A real HTTP API v2 POST event (Powertools' fixture) turned into POST /login with the given body. */
export const loginEvent = ({
  body,
  contentType = 'application/x-www-form-urlencoded',
  isBase64Encoded = false,
  headers = {},
}: LoginRequest = {}): APIGatewayProxyEventV2 => {
  const event = structuredClone(postEvent) as APIGatewayProxyEventV2;
  const { authorization: _dropped, ...kept } = event.headers;
  event.headers = { ...kept, ...headers };
  if (contentType !== null) event.headers['content-type'] = contentType;
  if (body !== undefined) event.headers['content-length'] = String(Buffer.byteLength(body));
  event.routeKey = 'POST /login';
  event.rawPath = '/login';
  event.requestContext.routeKey = 'POST /login';
  event.requestContext.http.path = '/login';
  event.body = body;
  event.isBase64Encoded = isBase64Encoded;
  return event;
};

/** A form body the way OAuth2 clients encode it. */
export const formBody = (fields: Readonly<Record<string, string>>): string =>
  new URLSearchParams(fields).toString();

/** A real HTTP API v2 GET event (aws-lambda-rust-runtime's fixture) turned into GET /health/logs. */
export const healthEvent = (): APIGatewayProxyEventV2 => {
  const event = structuredClone(getEvent) as APIGatewayProxyEventV2;
  event.routeKey = 'GET /health/logs';
  event.rawPath = '/health/logs';
  event.requestContext.routeKey = 'GET /health/logs';
  event.requestContext.http.path = '/health/logs';
  return event;
};
