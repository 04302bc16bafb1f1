import type { StackModel } from './types';

/**
 * The local name of the HTTP API the stack's routes belong to: what `{ Ref: <api> }` resolves to, so the
 * AWS/ApiGateway datapoints a runtime publishes carry the ApiId the alarms' dimensions name.
 */
export const apiIdOf = (model: Pick<StackModel, 'routes' | 'resolve'>): string => {
  const apiLogicalId = model.routes.find((route) => route.apiLogicalId)?.apiLogicalId;
  return apiLogicalId ? String(model.resolve({ Ref: apiLogicalId })) : 'local';
};
