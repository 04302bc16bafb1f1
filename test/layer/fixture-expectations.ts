/**
 * What `request_completed` must say for every fixture in `test/fixtures/events/`: the HTTP fields of an
 * HTTP-shaped event (a WebSocket event has a route but no method or path), or the `event_source` of a non-HTTP
 * one, and the correlation id (a caller's header, else the gateway's request id, else the Lambda request id
 * `lambda-request-1`). A fixture missing here fails the end-to-end test, so a new event shape needs a verdict.
 * `source_ip` is the address the platform saw: for ALB the last `X-Forwarded-For` entry (the one the load
 * balancer appended), and absent where the fixture's value is no address (`IP`, `192.168.0.1/32`).
 */

export interface HttpExpectation {
  readonly method?: string;
  readonly route?: string;
  readonly path?: string;
  readonly source_ip?: string;
  readonly user_agent?: string;
}

export interface FixtureExpectation {
  /** Present exactly for HTTP-shaped events; these records carry no `event_source`. */
  readonly http?: HttpExpectation;
  /** For non-HTTP events, where the event names or implies its source. */
  readonly event_source?: string;
  readonly correlation_id: string;
}

const lambdaId = 'lambda-request-1';

const http = (
  method: string | undefined,
  route: string | undefined,
  path: string | undefined,
  source_ip: string | undefined,
  user_agent: string | undefined,
  correlation_id: string,
): FixtureExpectation => ({ http: { method, route, path, source_ip, user_agent }, correlation_id });
const other = (event_source: string | undefined, correlation_id = lambdaId): FixtureExpectation => ({
  event_source,
  correlation_id,
});

const firefox = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.11; rv:60.0) Gecko/20100101 Firefox/60.0';
const httpie = 'HTTPie/3.2.2';

// biome-ignore format: one fixture per line reads as a table
export const expectations: Readonly<Record<string, FixtureExpectation>> = {
  'alb/go_alb-lambda-target-request-headers-only.json': http('GET', undefined, '/', '25.12.198.67', 'curl/7.54.0', lambdaId),
  'alb/go_alb-lambda-target-request-multivalue-headers.json': http('GET', undefined, '/', '72.21.198.67', 'curl/7.54.0', lambdaId),
  'alb/java_elb_event.json': http('GET', undefined, '/', '192.0.2.1', firefox, lambdaId),
  'apigw-http/go_apigw-v2-request-iam.json': http('GET', '$default', '/my/path', undefined, 'agent', 'id'),
  'apigw-http/go_apigw-v2-request-jwt-authorizer.json': http('GET', '$default', '/my/path', undefined, 'agent', 'id'),
  'apigw-http/go_apigw-v2-request-lambda-authorizer.json': http('GET', '$default', '/my/path', undefined, 'agent', 'id'),
  'apigw-http/go_apigw-v2-request-no-authorizer.json': http('GET', '$default', '/', '1.2.3.4', 'curl/7.58.0', 'LV7fzho-PHcEJPw='),
  'apigw-http/pt-py_apiGatewayProxyV2Event.json': http('POST', '$default', '/my/path', undefined, 'agent', 'id'),
  'apigw-http/pt-ts_no-auth.json': http('POST', '/lambda', '/lambda', '15.248.3.126', httpie, 'ZhNHJhhLjoEEPiw='),
  'apigw-http/rust_apigw_v2_proxy_request_minimal.json': http('GET', '$default', '/', '65.78.31.245', 'curl/7.64.1', 'MIZRNhJtIAMEMDw='),
  'apigw-rest/go_apigw-request.json': http('POST', '/{proxy+}', '/hello/world', '192.168.196.186', 'PostmanRuntime/2.4.5', 'deef4878-7910-11e6-8f14-25afc3e9ae33'),
  'apigw-rest/pt-py_apiGatewayProxyEvent.json': http('GET', '/my/path', '/my/path', undefined, 'user-agent', 'id='),
  'apigw-rest/pt-py_apiGatewayProxyEventPrincipalId.json': http('POST', '/trip', '/trip', undefined, undefined, '34972478-2843-4ced-a657-253108738274'),
  'apigw-rest/pt-ts_iam-auth.json': http('POST', '/iam', '/iam', '15.248.3.126', httpie, '89f9261a-2765-4d49-b72e-f76726991e44'),
  'apigw-rest/pt-ts_lambda-authorizer-auth.json': http('POST', '/lambda-token', '/lambda-token', '15.248.3.126', httpie, '3c177581-2d03-4af4-9b68-5924083f37fe'),
  'apigw-rest/pt-ts_no-auth.json': http('POST', '/no-auth', '/no-auth', '15.248.3.126', httpie, 'f88e38e3-2060-4a56-93c0-9efbc6a659a0'),
  'apigw-rest/pt-ts_websocket.json': http('POST', '/websocket', '/websocket', '15.248.3.126', httpie, 'f88e38e3-2060-4a56-93c0-9efbc6a659a0'),
  'apigw-websocket/pt-py_apiGatewayWebSocketApiConnect.json': http(undefined, '$connect', undefined, '166.90.225.1', undefined, 'BFHPhFe3IAMF95g='),
  'apigw-websocket/pt-py_apiGatewayWebSocketApiMessage.json': http(undefined, 'chat', undefined, '166.90.225.1', undefined, 'BFaVtH2HoAMFZEQ='),
  'function-url/go_lambdaurl_headers-cookies-text-body.json': http('POST', undefined, '/hello', '127.0.0.1', 'python-requests/2.28.2', '5bbd0e3e-fe7a-4299-9076-32d4de45391b'),
  'function-url/pt-py_lambdaFunctionUrlEvent.json': http('GET', undefined, '/', '123.123.123.123', 'agent', 'id'),
  'function-url/pt-ts_get-request.json': http('GET', undefined, '/', '123.123.123.123', 'agent', 'id'),
  'vpc-lattice/pt-py_vpcLatticeEvent.json': http('GET', undefined, '/testpath', '10.213.229.10', 'curl/7.64.1', lambdaId),
  'vpc-lattice/pt-py_vpcLatticeV2Event.json': http('GET', undefined, '/newpath', '10.213.229.10', 'curl/7.64.1', lambdaId),
  'made-up/alb_authorization-multivalue.json': http('GET', undefined, '/account', '10.0.0.1', 'made-up-alb-client', lambdaId),
  'made-up/alb_single-value-mixed-case.json': http('POST', undefined, '/session', '10.0.0.1', 'made-up-alb-mixed', 'corr-alb-mixed-3'),
  'made-up/apigw-http_base64-form-cookies-authorizer.json': http('POST', '/orders/{id}', '/orders/42', '198.51.100.31', 'made-up-http-b64/2.0', 'corr-http-b64-2'),
  'made-up/apigw-http_login-json-password.json': http('POST', '/login', '/login', '198.51.100.23', 'made-up-client/1.0', 'madeup-request-json'),
  'made-up/apigw-rest_login-form-base64.json': http('POST', '/login', '/login', '198.51.100.24', 'made-up-browser', 'madeup-request-form'),
  'made-up/apigw-rest_multivalue-only-auth-cookie.json': http('GET', '/orders/{id}', '/orders/42', '203.0.113.10', 'made-up-rest-mv/1.0', 'corr-rest-mv-1'),
  'made-up/apigw-websocket_connect-token-query.json': http(undefined, '$connect', undefined, '198.51.100.51', 'made-up-ws/5.0', 'corr-ws-5'),
  'made-up/apigw-websocket_message-json-secret.json': http(undefined, 'login', undefined, '198.51.100.52', undefined, 'madeup-ws-message-request'),
  'made-up/function-url_json-body-secrets.json': http('POST', undefined, '/token', '198.51.100.41', 'made-up-url/4.0', 'corr-url-4'),
  'made-up/vpc-lattice_v1-base64-password.json': http('POST', undefined, '/login', '10.213.229.12', 'made-up-lattice-v1', 'corr-lattice-v1-7'),
  'made-up/vpc-lattice_v2-multivalue-auth.json': http('POST', undefined, '/accounts', '10.213.229.11', 'made-up-lattice/6.0', 'corr-lattice-v2-6'),
  'made-up/appsync_authorization-header-input.json': other('aws:appsync', 'corr-appsync-9'),
  'made-up/cloudfront_edge-authorization.json': other('aws:cloudfront', 'madeup-edge-request'),
  'made-up/cognito_migrate-user-password.json': other('aws:cognito-idp'),
  'made-up/eventbridge_codebuild-env-secrets.json': other('aws.codebuild'),
  'made-up/sns_json-message-token.json': other('aws:sns'),
  'made-up/sqs_json-body-secrets.json': other('aws:sqs'),
  'made-up/step-functions_plain-state.json': other(undefined),
  'non-http/go_cloudfront-request.json': other('aws:cloudfront', 'MRVMF7KydIvxMWfJIglgwHQwZsbG2IhRJ07sn9AkKUFSHS9EXAMPLE=='),
  'non-http/go_cognito-event-userpools-migrateuser.json': other('aws:cognito-idp'),
  'non-http/go_kinesis-firehose-event.json': other('aws:firehose'),
  'non-http/go_s3-event.json': other('aws:s3'),
  'non-http/go_sqs-event.json': other('aws:sqs'),
  'non-http/java_cloudwatch_scheduled_event.json': other('aws.events'),
  'non-http/pt-py_appSyncDirectResolver.json': other('aws:appsync'),
  'non-http/pt-py_customResourceCreate.json': other('aws:cloudformation'),
  'non-http/pt-py_dynamoStreamEvent.json': other('aws:dynamodb'),
  'non-http/pt-py_eventBridgeEvent.json': other('aws.ec2'),
  'non-http/pt-py_kafkaEventMsk.json': other('aws:kafka'),
  'non-http/pt-py_kinesisStreamEvent.json': other('aws:kinesis'),
  'non-http/pt-py_secretsManagerEvent.json': other('aws:secretsmanager'),
  'non-http/pt-py_sesEvent.json': other('aws:ses'),
  'non-http/pt-py_snsEvent.json': other('aws:sns'),
  'odd/array-of-objects.json': other(undefined),
  'odd/empty-array.json': other(undefined),
  'odd/empty-object.json': other(undefined),
  'odd/insane-correlation-id.json': http('GET', '/health', '/health', '198.51.100.99', 'odd', 'corr-odd-fallback'),
  'odd/malformed-http.json': other(undefined),
  'odd/null.json': other(undefined),
  'odd/number.json': other(undefined),
  'odd/string.json': other(undefined),
};
