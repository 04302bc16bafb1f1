/** The sources of the throw-away CDK app: what a team writes to use the two packages. */

/** A handler on the layer's package: bundled by the app's esbuild with `@cream/logging` external. */
export const handlerSource = `
import { logEvent, requestLogging } from '@cream/logging';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export const functionHandler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const id = event.pathParameters?.id ?? 'none';
  logEvent('user_action', { action: 'order_viewed', target: id });
  return { statusCode: 200, body: JSON.stringify({ id }) };
};

export const handler = middy(functionHandler).use(requestLogging());
`;

/** The same call with the event name misspelled: must not compile. */
export const misspelledSource = `
import { logEvent } from '@cream/logging';

logEvent('user_actoin', { action: 'order_viewed', target: '42' });
`;

/**
 * Two stacks, env-agnostic: "CreamLogging" builds the layer from the package and publishes its ARN (as this
 * repository's stack does), "Orders" attaches it by that SSM parameter to one LoggedFunction with its alarms.
 */
export const appSource = `
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { CreamLoggingLayer, LoggedFunction, LoggedFunctionMonitoring } from '@cream/logging-cdk';

const app = new App({ outdir: path.join(__dirname, 'cdk.out') });

const shared = new Stack(app, 'CreamLogging');
new CreamLoggingLayer(shared, 'Layer');

const stack = new Stack(app, 'Orders');
const layer = CreamLoggingLayer.fromSsmParameter(
  stack,
  'CreamLoggingLayer',
  CreamLoggingLayer.defaultParameterName('CreamLogging'),
);
const orders = new LoggedFunction(stack, 'Orders', {
  entry: path.join(__dirname, 'src', 'orders.ts'),
  layer,
  logRetention: logs.RetentionDays.THREE_MONTHS,
});
new LoggedFunctionMonitoring(stack, 'Monitoring', { function: orders, alarmEmail: 'ops@example.com' });

// @ts-expect-error: the package's types are real (typed as any, this directive would be unused)
export const notAFunction: LoggedFunction = { serviceName: 'orders' };

app.synth();
`;
