import { loadStackModel, type StackModel } from '../../tools/cloud-assembly';
import { type SynthesizedStack, synthesize } from '../stack/synth';

/**
 * The model of the real stack: what the local runtime and verify publish must carry the very dimension values
 * the alarms resolve to, or an alarm would watch a metric nobody writes.
 */
let synth: SynthesizedStack;
let model: StackModel;
beforeAll(() => {
  synth = synthesize();
  model = loadStackModel(synth.template.toJSON() as never, { stackName: 'CreamLogging' });
});
afterAll(() => synth.cleanup());

const alarmDimension = (namespace: string, name: string): string[] =>
  model.alarms.flatMap((alarm) =>
    [
      ...(alarm.namespace === namespace ? [alarm.dimensions[name]] : []),
      ...(alarm.metrics ?? []).flatMap((query) =>
        query.metric?.namespace === namespace ? [query.metric.dimensions[name]] : [],
      ),
    ].filter((value): value is string => value !== undefined),
  );

describe('the stack model behind the platform metrics', () => {
  it('reads the probe schedule and the function it invokes', () => {
    const health = model.functions.find((fn) => fn.logicalId.startsWith('HealthFunction'))!;
    expect(model.schedules).toEqual([
      expect.objectContaining({
        expression: 'rate(5 minutes)',
        intervalMs: 300_000,
        enabled: true,
        functionLogicalIds: [health.logicalId],
      }),
    ]);
  });

  it('names functions, the API, the table, the stream and the subscription filters as the alarms do', () => {
    expect(new Set(alarmDimension('AWS/Lambda', 'FunctionName'))).toEqual(
      new Set(model.functions.map((fn) => fn.functionName)),
    );
    const apiLogicalId = model.routes[0].apiLogicalId!;
    expect(new Set(alarmDimension('AWS/ApiGateway', 'ApiId'))).toEqual(
      new Set([model.resolve({ Ref: apiLogicalId })]),
    );
    expect(new Set(alarmDimension('AWS/DynamoDB', 'TableName'))).toEqual(
      new Set(model.tables.map((t) => t.tableName)),
    );
    expect(new Set(alarmDimension('AWS/Firehose', 'DeliveryStreamName'))).toEqual(
      new Set(model.deliveryStreams.map((stream) => stream.name)),
    );
    expect(new Set(alarmDimension('AWS/Logs', 'FilterName'))).toEqual(
      new Set(model.subscriptionFilters.map((filter) => filter.filterName)),
    );
    expect(new Set(alarmDimension('AWS/Logs', 'LogGroupName'))).toEqual(
      new Set(model.logGroups.filter((group) => group.functionLogicalId).map((group) => group.name)),
    );
  });

  it('reads the stream buffering, data protection identifiers and the percentile alarms’ low-sample rule', () => {
    expect(model.deliveryStreams).toEqual([
      expect.objectContaining({
        bufferingSeconds: 300,
        arn: expect.stringMatching(/^arn:aws:firehose:.*:deliverystream\//),
      }),
    ]);
    for (const group of model.logGroups.filter((candidate) => candidate.functionLogicalId))
      expect(group.dataIdentifiers).toEqual(expect.arrayContaining(['EmailAddress', 'AwsSecretKey']));
    const percentiles = model.alarms.filter((alarm) => /^p\d/.test(alarm.statistic));
    expect(percentiles.length).toBeGreaterThan(0);
    for (const alarm of percentiles) expect(alarm.evaluateLowSampleCountPercentile).toBe('ignore');
    for (const fn of model.functions) expect(fn.systemLogLevel).toBe('INFO');
  });
});

describe('the stack model behind logs verify', () => {
  it("names each routed function's handler source, relative to the app, from the cream:entry metadata", () => {
    const routed = model.functions.filter((fn) =>
      model.routes.some((route) => route.functionLogicalId === fn.logicalId),
    );
    expect(routed.length).toBeGreaterThan(0);
    for (const fn of routed) {
      const service = fn.environment.POWERTOOLS_SERVICE_NAME;
      expect({ service, entry: fn.sourceEntry }).toEqual({ service, entry: `functions/${service}/index.ts` });
    }
  });
});
