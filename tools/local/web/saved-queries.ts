import type { StackModel } from '../../cloud-assembly';
import type { SavedQueryView } from './api-types';

/**
 * The stack's saved Logs Insights queries (`AWS::Logs::QueryDefinition`), resolved with the local physical
 * names so their log groups are the ones the local runtime writes, sorted by name as the console lists them.
 */
export const stackSavedQueries = (model: StackModel): SavedQueryView[] =>
  Object.entries(model.template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::Logs::QueryDefinition')
    .map(([logicalId, resource]) => {
      const props = (model.resolve(resource.Properties ?? {}) ?? {}) as Record<string, unknown>;
      return {
        name: typeof props.Name === 'string' ? props.Name : logicalId,
        queryString: String(props.QueryString ?? ''),
        logGroups: (Array.isArray(props.LogGroupNames) ? props.LogGroupNames : []).map(String),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
