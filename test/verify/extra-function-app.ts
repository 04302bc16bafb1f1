import { App } from 'aws-cdk-lib';
import { CreamLoggingStack } from '../../lib/cream-logging-stack';
import { functions } from '../../lib/functions';

/**
 * A CDK app (run by `cdk synth --app "tsx test/verify/extra-function-app.ts"`): the project's registry plus a
 * third function verify has never heard of, `GET /orders/{id}` with a 3 s timeout, registered the way a team
 * adds one; the stack gives it what every function gets.
 */
const app = new App();
new CreamLoggingStack(app, app.node.tryGetContext('stackName') ?? 'CreamLogging', {
  description: 'Cream logging with an extra function, for the verify test',
  functions: [
    // an `orders` the project has itself (the README's new:function example) gives way to the test's own
    ...functions.filter((fn) => fn.name !== 'orders' && !fn.routes.includes('GET /orders/{id}')),
    {
      name: 'orders',
      description: 'GET /orders/{id}: one order',
      routes: ['GET /orders/{id}'],
      timeoutSeconds: 3,
      entry: 'test/verify/fixtures/orders/index.ts',
    },
  ],
});
