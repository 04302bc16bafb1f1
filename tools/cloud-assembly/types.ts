/**
 * The typed model of one synthesized stack: what the local runtime and `logs verify` need to run what
 * `cdk synth` produced, with every intrinsic already resolved to a local value.
 */

/** A CloudFormation template as JSON; only the parts we read are typed. */
export interface CfnTemplate {
  readonly Parameters?: Record<string, { readonly Default?: unknown; readonly Type?: string }>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  readonly Conditions?: Record<string, unknown>;
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { readonly Value: unknown }>;
}

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly Condition?: string;
  readonly DependsOn?: string | string[];
}

/** Local values for the pseudo parameters (`AWS::Region`, ...); nothing here is a real account. */
export interface PseudoParameters {
  readonly stackName: string;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
}

export interface LayerModel {
  readonly logicalId?: string;
  readonly arn: string;
  /** Absolute directory of the layer's asset (its `nodejs/node_modules` lives inside), when it is in cdk.out. */
  readonly assetPath?: string;
}

export interface FunctionModel {
  readonly logicalId: string;
  readonly functionName: string;
  readonly arn: string;
  /** `index.handler`: file (without extension) and export, relative to the code asset. */
  readonly handler: string;
  readonly codeAssetPath?: string;
  /**
   * The handler's source file relative to the app's directory (the `cream:entry` metadata LoggedFunction
   * writes): what `logs verify` bundles and runs. Undefined for functions built some other way.
   */
  readonly sourceEntry?: string;
  readonly runtime?: string;
  readonly architectures: readonly string[];
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly layers: readonly LayerModel[];
  /** Local name of the log group the function writes to. */
  readonly logGroupName: string;
  readonly logFormat?: string;
  readonly applicationLogLevel?: string;
  readonly systemLogLevel?: string;
}

export interface RouteModel {
  readonly logicalId: string;
  /** `POST /login`, or `$default`. */
  readonly routeKey: string;
  readonly method: string;
  readonly path: string;
  readonly apiLogicalId?: string;
  readonly functionLogicalId?: string;
}

export interface LogGroupModel {
  readonly logicalId: string;
  readonly name: string;
  readonly retentionDays?: number;
  /** Set when a function's `LoggingConfig` points at this group. */
  readonly functionLogicalId?: string;
  /** Names of the managed data identifiers its data protection policy audits (`EmailAddress`, ...). */
  readonly dataIdentifiers?: readonly string[];
}

export interface MetricTransformationModel {
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly metricValue: string;
  readonly defaultValue?: number;
  readonly unit?: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

export interface MetricFilterModel {
  readonly logicalId: string;
  readonly logGroupName: string;
  /** The explicit `FilterName`, else the logical id (CloudFormation would generate one). */
  readonly filterName: string;
  readonly filterPattern: string;
  readonly metricTransformations: readonly MetricTransformationModel[];
}

export interface SubscriptionFilterModel {
  readonly logicalId: string;
  readonly logGroupName: string;
  readonly filterName: string;
  readonly filterPattern: string;
  readonly destinationArn: string;
}

export interface DeliveryStreamModel {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  /** How long Firehose buffers before it writes to S3. */
  readonly bufferingSeconds: number;
}

/** One entry of an alarm's `Metrics` (metric math): either a metric or an expression over other ids. */
export interface AlarmMetricQuery {
  readonly id: string;
  readonly expression?: string;
  readonly label?: string;
  readonly returnData: boolean;
  readonly metric?: {
    readonly namespace: string;
    readonly metricName: string;
    readonly dimensions: Readonly<Record<string, string>>;
    readonly stat: string;
    readonly period: number;
  };
}

export type ComparisonOperator =
  | 'GreaterThanOrEqualToThreshold'
  | 'GreaterThanThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

export type TreatMissingData = 'missing' | 'notBreaching' | 'breaching' | 'ignore';

export interface AlarmModel {
  readonly logicalId: string;
  /** The explicit `AlarmName`, else `<StackName>-<logicalId>`. */
  readonly name: string;
  readonly description?: string;
  /** Absent for metric-math alarms (see `metrics`). */
  readonly namespace?: string;
  readonly metricName?: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** `Sum`, `Average`, ... or a percentile such as `p99` (CloudFormation's `ExtendedStatistic`). */
  readonly statistic: string;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly threshold: number;
  readonly comparisonOperator: ComparisonOperator;
  readonly treatMissingData: TreatMissingData;
  /** Percentile alarms: `ignore` keeps the state while a period has too few samples. @default 'evaluate' */
  readonly evaluateLowSampleCountPercentile?: 'evaluate' | 'ignore';
  readonly metrics?: readonly AlarmMetricQuery[];
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
}

/** An EventBridge rule on a schedule, with the functions it invokes. */
export interface ScheduleModel {
  readonly logicalId: string;
  /** `rate(5 minutes)` or `cron(...)`. */
  readonly expression: string;
  /** For `rate(...)` expressions; undefined for cron. */
  readonly intervalMs?: number;
  readonly enabled: boolean;
  readonly functionLogicalIds: readonly string[];
}

export interface TableModel {
  readonly logicalId: string;
  readonly tableName: string;
  readonly keySchema: readonly { readonly AttributeName: string; readonly KeyType: 'HASH' | 'RANGE' }[];
  readonly attributeDefinitions: readonly {
    readonly AttributeName: string;
    readonly AttributeType: string;
  }[];
  readonly billingMode?: string;
}

export interface SecretModel {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
}

export interface StackModel {
  readonly stackName: string;
  readonly pseudo: PseudoParameters;
  /** Absolute cdk.out directory, when the model was loaded from one. */
  readonly cdkOutDir?: string;
  readonly template: CfnTemplate;
  readonly functions: readonly FunctionModel[];
  readonly routes: readonly RouteModel[];
  readonly logGroups: readonly LogGroupModel[];
  readonly metricFilters: readonly MetricFilterModel[];
  readonly subscriptionFilters: readonly SubscriptionFilterModel[];
  readonly deliveryStreams: readonly DeliveryStreamModel[];
  readonly alarms: readonly AlarmModel[];
  readonly tables: readonly TableModel[];
  readonly secrets: readonly SecretModel[];
  readonly schedules: readonly ScheduleModel[];
  readonly layers: readonly LayerModel[];
  /** Resolves any template value with the same local names the model uses. */
  resolve(value: unknown): unknown;
}
