#!/usr/bin/env node
// Run with `CDK_DISABLE_VERSION_CHECK=1 npm run synth`: no credentials, no network, no Docker needed.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CreamLoggingStack } from '../lib/cream-logging-stack';

const app = new App();
// Environment-agnostic on purpose: nothing is looked up, so synth works offline and the template deploys anywhere.
new CreamLoggingStack(app, app.node.tryGetContext('stackName') ?? 'CreamLogging', {
  description:
    'Cream logging: @cream/logging layer, login and health functions, monitoring derived from the catalog',
});
// cdk-nag 3: findings fail the synth; each acknowledgement sits next to its resource with a reason.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
