import path from 'node:path';
import type { Resolve } from './intrinsics';
import type { Naming } from './physical-names';
import type { CfnResource, CfnTemplate } from './types';

/** What every extractor reads: the raw template, the resolver and the local names. */
export interface ModelContext {
  readonly template: CfnTemplate;
  readonly resolve: Resolve;
  readonly naming: Naming;
  readonly cdkOutDir?: string;
}

/** The resources of one type, in template order, with their logical ids. */
export const resourcesOfType = (
  context: ModelContext,
  type: string,
): { logicalId: string; resource: CfnResource; props: Record<string, unknown> }[] =>
  Object.entries(context.template.Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([logicalId, resource]) => ({ logicalId, resource, props: resource.Properties ?? {} }));

/** `Metadata['aws:asset:path']` is relative to cdk.out; absolute when we know where cdk.out is. */
export const assetPathOf = (context: ModelContext, resource: CfnResource): string | undefined => {
  const relative = resource.Metadata?.['aws:asset:path'];
  if (typeof relative !== 'string') return undefined;
  return context.cdkOutDir ? path.resolve(context.cdkOutDir, relative) : relative;
};

export const optionalNumber = (value: unknown): number | undefined =>
  value === undefined || value === null || value === '' ? undefined : Number(value);

/** The first logical id a raw `{ Ref }` / `{ Fn::GetAtt }` value names, without resolving it. */
export const directReference = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.Ref === 'string') return record.Ref;
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return String(getAtt[0]);
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
};
