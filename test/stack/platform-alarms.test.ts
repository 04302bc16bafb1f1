import { Match } from 'aws-cdk-lib/assertions';
import { onlyLogicalId, type SynthesizedStack, synthesize } from './synth';

let synth: SynthesizedStack;
beforeAll(() => {
  synth = synthesize();
});
afterAll(() => synth.cleanup());

const logicalIdOf = (construct: { node: { defaultChild?: unknown } }): string =>
  synth.stack.getLogicalId(construct.node.defaultChild as never);
const topic = () => ({ Ref: onlyLogicalId(synth.template, 'AWS::SNS::Topic') });
const notifies = () => ({ AlarmActions: [topic()], OKActions: [topic()], TreatMissingData: 'notBreaching' });

describe('platform alarms', () => {
  const functions = () => Object.values(synth.stack.functions);

  it('alarms on every function’s Lambda errors and throttles, per function', () => {
    for (const fn of functions()) {
      for (const [metric, threshold] of [
        ['Errors', synth.stack.platformAlarms.thresholds.lambdaErrorsPer5Min],
        ['Throttles', synth.stack.platformAlarms.thresholds.lambdaThrottlesPer5Min],
      ] as const) {
        synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/Lambda',
          MetricName: metric,
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf(fn.function) } }],
          Statistic: 'Sum',
          Period: 300,
          Threshold: threshold,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          ...notifies(),
        });
      }
    }
    expect(synth.stack.platformAlarms.thresholds).toMatchObject({
      lambdaErrorsPer5Min: 5,
      lambdaThrottlesPer5Min: 1,
    });
  });

  it('alarms when a function’s p99 duration reaches 80% of its timeout, from 1000 invocations', () => {
    for (const fn of functions()) {
      synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Duration',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf(fn.function) } }],
        ExtendedStatistic: 'p99',
        Period: 900,
        Threshold: 0.8 * fn.timeout.toMilliseconds(),
        EvaluateLowSampleCountPercentile: 'ignore',
        ...notifies(),
      });
    }
  });

  it('alarms on the API 5xx rate without the health route, and on the API p99 latency', () => {
    const apiId = { Ref: logicalIdOf(synth.stack.http.api) };
    const alarm = Object.values(synth.template.findResources('AWS::CloudWatch::Alarm')).find((candidate) =>
      JSON.stringify(candidate.Properties.Metrics ?? []).includes('"5xx"'),
    )?.Properties;
    expect(alarm).toMatchObject({ Threshold: 5, EvaluationPeriods: 3, DatapointsToAlarm: 2, ...notifies });
    const byId = Object.fromEntries(alarm.Metrics.map((query: { Id: string }) => [query.Id, query]));
    expect(byId.a.MetricStat.Metric).toEqual({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: apiId }],
    });
    expect(byId.c.MetricStat.Metric).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: 'Count' });
    // the health function's own 5xx and its route's requests are taken out of numerator and denominator
    expect(byId.h.MetricStat.Metric).toMatchObject({
      MetricName: 'ServerErrors',
      Dimensions: [{ Name: 'service', Value: 'health' }],
    });
    expect(byId.hc.MetricStat).toMatchObject({
      Metric: { MetricName: 'RouteLatency', Dimensions: [{ Name: 'route', Value: '/health/logs' }] },
      Stat: 'SampleCount',
    });
    const expression = alarm.Metrics.find(
      (query: { ReturnData?: boolean; Expression?: string }) => query.Expression,
    ).Expression;
    expect(expression).toBe(
      'IF(((FILL(c, 0)) - (FILL(hc, 0))) >= 20, 100 * IF(((FILL(a, 0)) - (FILL(h, 0))) > 0, ((FILL(a, 0)) - (FILL(h, 0))), 0) / ((FILL(c, 0)) - (FILL(hc, 0))), 0)',
    );
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      Dimensions: [{ Name: 'ApiId', Value: apiId }],
      ExtendedStatistic: 'p99',
      Period: 900,
      Threshold: 2500,
      EvaluateLowSampleCountPercentile: 'ignore',
      ...notifies(),
    });
  });

  it.each(['ThrottledRequests', 'SystemErrors'])(
    'alarms on the users table’s %s over its operations',
    (metric) => {
      const table = { Ref: logicalIdOf(synth.stack.backend.table) };
      synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Threshold: 5,
        ...notifies(),
        Metrics: Match.arrayWith(
          ['GetItem', 'PutItem'].map((operation) =>
            Match.objectLike({
              MetricStat: Match.objectLike({
                Metric: {
                  Namespace: 'AWS/DynamoDB',
                  MetricName: metric,
                  Dimensions: Match.arrayWith([
                    { Name: 'Operation', Value: operation },
                    { Name: 'TableName', Value: table },
                  ]),
                },
                Stat: 'Sum',
              }),
            }),
          ),
        ),
      });
    },
  );

  it('alarms when security records cannot reach Firehose, one alarm per five subscription filters', () => {
    const filters = synth.stack.archive.subscriptionFilters;
    const delivery = synth.stack.archiveAlarms.delivery.map(
      (alarm) => synth.template.toJSON().Resources[logicalIdOf(alarm)].Properties,
    );
    expect(delivery).toHaveLength(Math.ceil(filters.length / 5));
    const metrics = delivery.flatMap((alarm) =>
      alarm.Metrics.filter((query: { MetricStat?: unknown }) => query.MetricStat),
    );
    expect(
      metrics
        .map(
          (query: { MetricStat: { Metric: { MetricName: string } } }) => query.MetricStat.Metric.MetricName,
        )
        .sort(),
    ).toEqual(filters.flatMap(() => ['DeliveryErrors', 'DeliveryThrottling']).sort());
    for (const { filter, logGroup } of filters) {
      const dimensions = [
        { Name: 'DestinationType', Value: 'Firehose' },
        { Name: 'FilterName', Value: { Ref: logicalIdOf(filter) } },
        { Name: 'LogGroupName', Value: { Ref: logicalIdOf(logGroup as never) } },
      ];
      expect(metrics).toContainEqual(
        expect.objectContaining({
          MetricStat: expect.objectContaining({
            Metric: { Namespace: 'AWS/Logs', MetricName: 'DeliveryErrors', Dimensions: dimensions },
          }),
        }),
      );
    }
    expect(delivery[0]).toMatchObject({ Threshold: 1, ...notifies() });
  });

  it('alarms on stuck archive deliveries: data freshness and S3 put success', () => {
    const stream = { Ref: onlyLogicalId(synth.template, 'AWS::KinesisFirehose::DeliveryStream') };
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Firehose',
      MetricName: 'DeliveryToS3.DataFreshness',
      Dimensions: [{ Name: 'DeliveryStreamName', Value: stream }],
      Statistic: 'Maximum',
      Threshold: 900,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      ...notifies(),
    });
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Firehose',
      MetricName: 'DeliveryToS3.Success',
      Dimensions: [{ Name: 'DeliveryStreamName', Value: stream }],
      Statistic: 'Minimum',
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 3,
      ...notifies(),
    });
  });

  it('alarms on every data-protected group’s findings: a redaction leak pages', () => {
    const protectedGroups = Object.values(synth.stack.functions).filter((fn) => fn.dataProtected);
    expect(Object.keys(synth.stack.redactionAlarms.leaks)).toEqual(
      protectedGroups.map((fn) => fn.serviceName),
    );
    for (const fn of protectedGroups) {
      synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Logs',
        MetricName: 'LogEventsWithFindings',
        Dimensions: [{ Name: 'LogGroupName', Value: { Ref: logicalIdOf(fn.logGroup) } }],
        Statistic: 'Sum',
        Threshold: 1,
        AlarmActions: [topic()],
        TreatMissingData: 'notBreaching',
      });
    }
  });
});
