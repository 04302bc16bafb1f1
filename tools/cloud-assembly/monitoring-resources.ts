import { type ModelContext, optionalNumber, resourcesOfType } from './context';
import type {
  AlarmMetricQuery,
  AlarmModel,
  ComparisonOperator,
  DeliveryStreamModel,
  LogGroupModel,
  MetricFilterModel,
  MetricTransformationModel,
  SubscriptionFilterModel,
  TreatMissingData,
} from './types';

type Dimension = { Name?: string; Key?: string; Value: unknown };

const dimensionMap = (context: ModelContext, raw: unknown): Record<string, string> =>
  Object.fromEntries(
    ((raw as Dimension[] | undefined) ?? []).map((dimension) => [
      String(dimension.Name ?? dimension.Key),
      String(context.resolve(dimension.Value)),
    ]),
  );

/** The identifiers of a data protection policy's audit statement (what LogEventsWithFindings counts). */
const auditedIdentifiers = (policy: unknown): string[] | undefined => {
  const statements = (
    policy as { Statement?: { DataIdentifier?: unknown[]; Operation?: { Audit?: unknown } }[] }
  )?.Statement;
  if (!Array.isArray(statements)) return undefined;
  const audited = statements.filter((statement) => statement.Operation?.Audit !== undefined);
  const names = audited.flatMap((statement) => (statement.DataIdentifier ?? []).map(String));
  return [...new Set(names.map((arn) => arn.slice(arn.lastIndexOf('/') + 1)))];
};

export const extractLogGroups = (context: ModelContext): LogGroupModel[] => {
  const owners = new Map<string, string>();
  for (const { logicalId, props } of resourcesOfType(context, 'AWS::Lambda::Function')) {
    const target = (props.LoggingConfig as { LogGroup?: { Ref?: string } } | undefined)?.LogGroup?.Ref;
    if (target) owners.set(target, logicalId);
  }
  return resourcesOfType(context, 'AWS::Logs::LogGroup').map(({ logicalId, props }) => ({
    logicalId,
    name: context.naming.name(logicalId),
    retentionDays: optionalNumber(context.resolve(props.RetentionInDays)),
    functionLogicalId: owners.get(logicalId),
    dataIdentifiers: auditedIdentifiers(context.resolve(props.DataProtectionPolicy)),
  }));
};

export const extractMetricFilters = (context: ModelContext): MetricFilterModel[] =>
  resourcesOfType(context, 'AWS::Logs::MetricFilter').map(({ logicalId, props }) => ({
    logicalId,
    logGroupName: String(context.resolve(props.LogGroupName)),
    filterName: props.FilterName === undefined ? logicalId : String(context.resolve(props.FilterName)),
    filterPattern: String(context.resolve(props.FilterPattern ?? '')),
    metricTransformations: ((props.MetricTransformations as Record<string, unknown>[] | undefined) ?? []).map(
      (raw): MetricTransformationModel => ({
        metricNamespace: String(context.resolve(raw.MetricNamespace)),
        metricName: String(context.resolve(raw.MetricName)),
        metricValue: String(context.resolve(raw.MetricValue)),
        defaultValue: optionalNumber(context.resolve(raw.DefaultValue)),
        unit: raw.Unit as string | undefined,
        dimensions: dimensionMap(context, raw.Dimensions),
      }),
    ),
  }));

export const extractSubscriptionFilters = (context: ModelContext): SubscriptionFilterModel[] =>
  resourcesOfType(context, 'AWS::Logs::SubscriptionFilter').map(({ logicalId, props }) => ({
    logicalId,
    logGroupName: String(context.resolve(props.LogGroupName)),
    // its Ref (what alarm dimensions name) is the explicit name, else the one CloudFormation generates
    filterName: context.naming.name(logicalId),
    filterPattern: String(context.resolve(props.FilterPattern ?? '')),
    destinationArn: String(context.resolve(props.DestinationArn)),
  }));

const metricQueries = (context: ModelContext, raw: unknown): AlarmMetricQuery[] | undefined => {
  if (!Array.isArray(raw)) return undefined;
  return (context.resolve(raw) as Record<string, unknown>[]).map((query) => {
    const stat = query.MetricStat as
      | {
          Metric: { Namespace: string; MetricName: string; Dimensions?: Dimension[] };
          Stat: string;
          Period: number;
        }
      | undefined;
    return {
      id: String(query.Id),
      expression: query.Expression as string | undefined,
      label: query.Label as string | undefined,
      returnData: query.ReturnData === undefined ? true : Boolean(query.ReturnData),
      metric: stat && {
        namespace: stat.Metric.Namespace,
        metricName: stat.Metric.MetricName,
        dimensions: dimensionMap(context, stat.Metric.Dimensions),
        stat: stat.Stat,
        period: Number(stat.Period),
      },
    };
  });
};

/** Firehose streams with the buffering interval of their S3 destination (Firehose's default: 300 s). */
export const extractDeliveryStreams = (context: ModelContext): DeliveryStreamModel[] =>
  resourcesOfType(context, 'AWS::KinesisFirehose::DeliveryStream').map(({ logicalId, props }) => {
    const destination = (props.ExtendedS3DestinationConfiguration ?? props.S3DestinationConfiguration) as
      | { BufferingHints?: { IntervalInSeconds?: unknown } }
      | undefined;
    return {
      logicalId,
      name: context.naming.name(logicalId),
      arn: context.naming.arn(logicalId),
      bufferingSeconds:
        optionalNumber(context.resolve(destination?.BufferingHints?.IntervalInSeconds)) ?? 300,
    };
  });

export const extractAlarms = (context: ModelContext): AlarmModel[] =>
  resourcesOfType(context, 'AWS::CloudWatch::Alarm').map(({ logicalId, props }) => {
    const value = (key: string) => context.resolve(props[key]);
    const metrics = metricQueries(context, props.Metrics);
    const evaluationPeriods = Number(value('EvaluationPeriods'));
    return {
      logicalId,
      name: context.naming.name(logicalId),
      description: props.AlarmDescription === undefined ? undefined : String(value('AlarmDescription')),
      namespace: props.Namespace === undefined ? undefined : String(value('Namespace')),
      metricName: props.MetricName === undefined ? undefined : String(value('MetricName')),
      dimensions: dimensionMap(context, props.Dimensions),
      statistic: String(value('ExtendedStatistic') ?? value('Statistic') ?? 'Average'),
      periodSeconds: Number(value('Period') ?? metrics?.find((query) => query.metric)?.metric?.period ?? 60),
      evaluationPeriods,
      datapointsToAlarm: optionalNumber(value('DatapointsToAlarm')) ?? evaluationPeriods,
      threshold: Number(value('Threshold')),
      comparisonOperator: String(value('ComparisonOperator')) as ComparisonOperator,
      treatMissingData: String(value('TreatMissingData') ?? 'missing') as TreatMissingData,
      evaluateLowSampleCountPercentile:
        props.EvaluateLowSampleCountPercentile === undefined
          ? undefined
          : (String(value('EvaluateLowSampleCountPercentile')) as 'evaluate' | 'ignore'),
      metrics,
      alarmActions: ((value('AlarmActions') as unknown[] | undefined) ?? []).map(String),
      okActions: ((value('OKActions') as unknown[] | undefined) ?? []).map(String),
    };
  });
