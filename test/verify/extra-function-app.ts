import path from 'node:path';
import { App, Duration } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { CreamLoggingStack } from '../../lib/cream-logging-stack';
import { LoggedFunction } from '../../lib/logged-function';
import { MonitoringAlarms } from '../../lib/monitoring-alarms';
import { functionFilterSpecs, MonitoringMetricFilters } from '../../lib/monitoring-metric-filters';
import { PlatformAlarms } from '../../lib/platform-alarms';
import { RedactionAlarms } from '../../lib/redaction-alarms';

/**
 * A CDK app (run by `cdk synth --app "tsx test/verify/extra-function-app.ts"`): the project's stack plus a
 * third function verify has never heard of, `GET /orders/{id}` with a 3 s timeout, wired the way every
 * function is (its log group, the generic filters, its latency, 5xx-rate, Lambda and redaction alarms).
 */
const app = new App();
const stack = new CreamLoggingStack(app, app.node.tryGetContext('stackName') ?? 'CreamLogging', {
  description: 'Cream logging with an extra function, for the verify test',
});
const { namespace } = stack.metricFilters;
const topic = stack.alarmTopic.topic;
const orders = new LoggedFunction(stack, 'Orders', {
  entry: path.join(__dirname, 'fixtures', 'orders', 'index.ts'),
  description: 'GET /orders/{id}: one order',
  layer: stack.layer.layerVersion,
  metricsNamespace: namespace,
  timeout: Duration.seconds(3),
});
stack.http.api.addRoutes({
  path: '/orders/{id}',
  methods: [HttpMethod.GET],
  integration: new HttpLambdaIntegration('OrdersIntegration', orders.function),
});
const filters = new MonitoringMetricFilters(stack, 'OrdersFilters', {
  namespace,
  targets: [{ logGroup: orders.logGroup, specs: functionFilterSpecs }],
});
// Its own latency and 5xx-rate alarms (the stack-wide ones of this construct come twice, which proves nothing less).
new MonitoringAlarms(stack, 'OrdersAlarms', {
  filters,
  topic,
  emfNamespace: namespace,
  services: [{ service: orders.serviceName }],
});
new PlatformAlarms(stack, 'OrdersPlatformAlarms', {
  topic,
  functions: [
    { serviceName: orders.serviceName, functionName: orders.function.functionName, timeout: orders.timeout },
  ],
  api: stack.http.api,
  probe: { serviceName: stack.health.serviceName, route: '/health/logs' },
  filters,
});
new RedactionAlarms(stack, 'OrdersRedactionAlarms', {
  topic,
  protectedGroups: [{ serviceName: orders.serviceName, logGroup: orders.logGroup }],
});
