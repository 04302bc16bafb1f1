import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { accessLogKeys } from './access-log-keys';
import { parseRouteKey } from './function-registry';

/** `$context` variables per key. Status and response latency are always set, so they stay JSON numbers. */
const accessLogFormat = (): AccessLogFormat => {
  const k = accessLogKeys;
  const quoted: Record<string, string> = {
    [k.requestId]: '$context.requestId',
    [k.sourceIp]: '$context.identity.sourceIp',
    [k.requestTime]: '$context.requestTime',
    [k.method]: '$context.httpMethod',
    [k.routeKey]: '$context.routeKey',
    [k.path]: '$context.path',
    [k.protocol]: '$context.protocol',
    [k.responseLength]: '$context.responseLength',
    [k.integrationLatencyMs]: '$context.integrationLatency',
    [k.integrationStatus]: '$context.integrationStatus',
    [k.integrationError]: '$context.integrationErrorMessage',
    [k.errorMessage]: '$context.error.message',
    [k.lambdaRequestId]: '$context.awsEndpointRequestId',
    [k.userAgent]: '$context.identity.userAgent',
  };
  const fields = Object.entries(quoted).map(([key, variable]) => `"${key}":"${variable}"`);
  fields.push(`"${k.status}":$context.status`, `"${k.latencyMs}":$context.responseLatency`);
  return AccessLogFormat.custom(`{${fields.join(',')}}`);
};

/** One function behind the API with its route keys. */
export interface ApiFunction {
  /** Id of its integration (the function's construct id keeps the integration's logical id stable). */
  readonly id: string;
  readonly function: lambda.IFunction;
  /** Route keys such as 'GET /orders/{id}'. */
  readonly routes: readonly string[];
  /** A throttle of its routes below the stage's. @default - the stage's */
  readonly throttle?: RouteThrottle;
}

/** Requests per second a route serves, and its burst. */
export interface RouteThrottle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface CreamHttpApiProps {
  /** Every function and its routes; one integration per function. */
  readonly functions: readonly ApiFunction[];
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly accessLogRetention?: logs.RetentionDays;
  /** @default RemovalPolicy.DESTROY */
  readonly accessLogRemovalPolicy?: RemovalPolicy;
  /** Steady-state requests per second for the whole stage; caps the cost of a brute-force run. @default 50 */
  readonly throttleRateLimit?: number;
  /** @default 100 */
  readonly throttleBurstLimit?: number;
}

/** The HTTP API (API Gateway v2): every function's routes, JSON access logs in their own group. */
export class CreamHttpApi extends Construct {
  public readonly api: apigw.HttpApi;
  public readonly accessLogGroup: logs.LogGroup;
  /** Every route by its key. */
  public readonly routes: Readonly<Record<string, apigw.HttpRoute>>;

  constructor(scope: Construct, id: string, props: CreamHttpApiProps) {
    super(scope, id);
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: props.accessLogRemovalPolicy ?? RemovalPolicy.DESTROY,
    });

    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'Cream logging: the functions of the registry (login, logging health, ...)',
      createDefaultStage: false,
    });
    const stage = this.api.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogGroup),
        format: accessLogFormat(),
      },
      throttle: { rateLimit: props.throttleRateLimit ?? 50, burstLimit: props.throttleBurstLimit ?? 100 },
    });

    const routes: Record<string, apigw.HttpRoute> = {};
    for (const fn of props.functions) {
      const integration = new HttpLambdaIntegration(fn.id, fn.function);
      for (const routeKey of fn.routes) {
        const { method, path } = parseRouteKey(routeKey);
        const [route] = this.api.addRoutes({ path, methods: [apigw.HttpMethod[method]], integration });
        routes[routeKey] = route;
      }
    }
    this.routes = routes;

    const throttled = props.functions.flatMap((fn) =>
      fn.throttle ? fn.routes.map((routeKey) => ({ routeKey, throttle: fn.throttle as RouteThrottle })) : [],
    );
    if (throttled.length > 0) {
      // The L2 stage has no route settings; a key must name an existing route, hence the dependencies.
      const cfnStage = stage.node.defaultChild as apigw.CfnStage;
      cfnStage.routeSettings = Object.fromEntries(
        throttled.map(({ routeKey, throttle }) => [
          routeKey,
          { ThrottlingRateLimit: throttle.rateLimit, ThrottlingBurstLimit: throttle.burstLimit },
        ]),
      );
      for (const { routeKey } of throttled) cfnStage.node.addDependency(routes[routeKey]);
    }

    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'POST /login is the authentication endpoint itself and must be callable without a token; the stage ' +
        'throttle and the brute-force alarm guard it. GET /health/logs reports check names and states only ' +
        '(no log content, no secrets), like a load balancer health check. A function added to the registry ' +
        'authorizes its own callers (a JWT from POST /login) until the stack offers an authorizer.',
    });
  }
}
