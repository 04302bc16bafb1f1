import type { ReferenceTargets, Resolve } from './intrinsics';
import type { CfnTemplate, PseudoParameters } from './types';

/** The property holding an explicit physical name, per resource type. */
const nameProperty: Record<string, string> = {
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Lambda::LayerVersion': 'LayerName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::SSM::Parameter': 'Name',
  'AWS::IAM::Role': 'RoleName',
  'AWS::Logs::MetricFilter': 'FilterName',
  'AWS::Logs::SubscriptionFilter': 'FilterName',
  'AWS::Logs::QueryDefinition': 'Name',
  'AWS::CloudWatch::Dashboard': 'DashboardName',
  'AWS::KinesisFirehose::DeliveryStream': 'DeliveryStreamName',
};

/** Types whose `Ref` returns an ARN rather than a name. */
const refIsArn = new Set([
  'AWS::SNS::Topic',
  'AWS::SecretsManager::Secret',
  'AWS::Lambda::LayerVersion',
  'AWS::IAM::ManagedPolicy',
]);

export type Naming = ReferenceTargets & { name(logicalId: string): string; arn(logicalId: string): string };

/**
 * Local physical names, standing in for what CloudFormation would generate: explicit names win; a function's
 * log group is `/aws/lambda/<function name>` (what Lambda uses), any other group `/cream/<logicalId>`; a
 * function is named by its logical id; alarms and the rest `<StackName>-<logicalId>`. Names are memoized and
 * may depend on each other (a log group named after its function), hence the cycle guard.
 */
export const createNaming = (template: CfnTemplate, pseudo: PseudoParameters, resolve: Resolve): Naming => {
  const functionOfLogGroup = new Map<string, string>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    const target = (resource.Properties?.LoggingConfig as { LogGroup?: { Ref?: string } } | undefined)
      ?.LogGroup;
    if (resource.Type === 'AWS::Lambda::Function' && target?.Ref) functionOfLogGroup.set(target.Ref, id);
  }
  const names = new Map<string, string>();
  const inProgress = new Set<string>();

  const resourceOf = (logicalId: string) => {
    const resource = template.Resources[logicalId];
    if (!resource) throw new Error(`Unknown logical id ${logicalId}`);
    return resource;
  };

  const defaultName = (logicalId: string, type: string): string => {
    if (type === 'AWS::Lambda::Function') return logicalId;
    if (type === 'AWS::Logs::LogGroup') {
      const owner = functionOfLogGroup.get(logicalId);
      return owner ? `/aws/lambda/${name(owner)}` : `/cream/${logicalId}`;
    }
    return `${pseudo.stackName}-${logicalId}`;
  };

  const name = (logicalId: string): string => {
    const known = names.get(logicalId);
    if (known) return known;
    if (inProgress.has(logicalId)) throw new Error(`Circular physical name for ${logicalId}`);
    inProgress.add(logicalId);
    const resource = resourceOf(logicalId);
    const explicit = resource.Properties?.[nameProperty[resource.Type] ?? ''];
    const value = explicit === undefined ? defaultName(logicalId, resource.Type) : String(resolve(explicit));
    inProgress.delete(logicalId);
    names.set(logicalId, value);
    return value;
  };

  const arn = (logicalId: string): string => {
    const { Type: type } = resourceOf(logicalId);
    const own = name(logicalId);
    const prefix = (service: string) =>
      `arn:${pseudo.partition}:${service}:${pseudo.region}:${pseudo.accountId}`;
    switch (type) {
      case 'AWS::Lambda::Function':
        return `${prefix('lambda')}:function:${own}`;
      case 'AWS::Lambda::LayerVersion':
        return `${prefix('lambda')}:layer:${own}:1`;
      case 'AWS::Logs::LogGroup':
        return `${prefix('logs')}:log-group:${own}:*`;
      case 'AWS::DynamoDB::Table':
        return `${prefix('dynamodb')}:table/${own}`;
      case 'AWS::SecretsManager::Secret':
        return `${prefix('secretsmanager')}:secret:${own}`;
      case 'AWS::CloudWatch::Alarm':
        return `${prefix('cloudwatch')}:alarm:${own}`;
      case 'AWS::S3::Bucket':
        return `arn:${pseudo.partition}:s3:::${own.toLowerCase()}`;
      case 'AWS::KinesisFirehose::DeliveryStream':
        return `${prefix('firehose')}:deliverystream/${own}`;
      case 'AWS::IAM::Role':
        return `arn:${pseudo.partition}:iam::${pseudo.accountId}:role/${own}`;
      default: {
        const service = type.split('::')[1]?.toLowerCase() ?? 'local';
        return `${prefix(service)}:${own}`;
      }
    }
  };

  return {
    name,
    arn,
    ref: (logicalId) => (refIsArn.has(resourceOf(logicalId).Type) ? arn(logicalId) : name(logicalId)),
    getAtt: (logicalId, attribute) => {
      if (attribute === 'Arn' || attribute.endsWith('Arn')) return arn(logicalId);
      if (attribute === 'ApiEndpoint') return 'http://localhost:3000';
      return `${name(logicalId)}.${attribute}`;
    },
  };
};
