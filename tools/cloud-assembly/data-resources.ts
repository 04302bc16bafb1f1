import { type ModelContext, resourcesOfType } from './context';
import type { SecretModel, TableModel } from './types';

/** Both table types: CDK's `TableV2` synthesizes an `AWS::DynamoDB::GlobalTable` with one replica. */
export const extractTables = (context: ModelContext): TableModel[] =>
  [
    ...resourcesOfType(context, 'AWS::DynamoDB::Table'),
    ...resourcesOfType(context, 'AWS::DynamoDB::GlobalTable'),
  ].map(({ logicalId, props }) => ({
    logicalId,
    tableName: context.naming.name(logicalId),
    keySchema: context.resolve(props.KeySchema ?? []) as TableModel['keySchema'],
    attributeDefinitions: context.resolve(
      props.AttributeDefinitions ?? [],
    ) as TableModel['attributeDefinitions'],
    billingMode: props.BillingMode as string | undefined,
  }));

export const extractSecrets = (context: ModelContext): SecretModel[] =>
  resourcesOfType(context, 'AWS::SecretsManager::Secret').map(({ logicalId }) => ({
    logicalId,
    name: context.naming.name(logicalId),
    arn: context.naming.arn(logicalId),
  }));
