/**
 * The package's own pieces from source (no bundling): `LoggedFunctionMonitoring` on one function with a topic
 * and namespace of the app's, and the layer imported by ARN. The packaged build of the same code is exercised
 * end to end by outside-repo.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { CreamLoggingLayer, LoggedFunction, LoggedFunctionMonitoring } from '../../cdk/src/index';

const layerArn = 'arn:aws:lambda:eu-west-1:111111111111:layer:CreamLogging:7';

describe('LoggedFunctionMonitoring on one function of another app', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'cream-cdk-monitoring-'));
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Orders');
  const topic = new sns.Topic(stack, 'OnCall');
  const orders = new LoggedFunction(stack, 'Orders', {
    entry: __filename, // any TypeScript file: bundling is skipped
    layer: CreamLoggingLayer.fromLayerArn(stack, 'CreamLogging', layerArn),
    metricsNamespace: 'Orders',
    timeout: Duration.seconds(20),
  });
  const monitoring = new LoggedFunctionMonitoring(stack, 'Monitoring', {
    function: orders,
    topic,
    metricsNamespace: 'Orders',
    alarmThresholds: { p99LatencyMs: 800 },
  });
  const template = Template.fromStack(stack);

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('attaches a layer imported by its ARN', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { Layers: [layerArn] });
    template.resourceCountIs('AWS::Lambda::LayerVersion', 0);
  });

  it("puts the function filters on its log group, in the app's namespace", () => {
    const [logGroupId] = Object.keys(template.findResources('AWS::Logs::LogGroup'));
    const filters = Object.values(template.findResources('AWS::Logs::MetricFilter'));
    expect(filters).toHaveLength(4);
    for (const filter of filters) {
      expect(filter.Properties.LogGroupName).toEqual({ Ref: logGroupId });
      expect(filter.Properties.MetricTransformations[0].MetricNamespace).toBe('Orders');
    }
  });

  it("keeps the function's seven alarms, all on the app's topic, with the thresholds it gave", () => {
    const [topicId] = Object.keys(template.findResources('AWS::SNS::Topic'));
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 7);
    expect(monitoring.alarms).toHaveLength(7);
    template.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: topicId }] });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'RequestLatency',
      Namespace: 'Orders',
      Threshold: 800,
    });
    // 80% of the function's 20 s timeout
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Duration',
      Namespace: 'AWS/Lambda',
      Threshold: 16000,
    });
  });

  it("leaves out the alarms that watch the Cream stack's login, probe and API", () => {
    const descriptions = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
      (alarm) => alarm.Properties.AlarmDescription as string,
    );
    expect(descriptions.filter((text) => /brute force|health|API:/i.test(text))).toEqual([]);
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { TreatMissingData: 'breaching' }, 0);
  });
});
