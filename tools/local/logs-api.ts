import type { LogGroupModel, MetricFilterModel, PseudoParameters } from '../cloud-assembly';
import { AwsError, type LocalService, paginate } from './aws-endpoint';
import { filterLogEvents } from './filter-log-events';
import type { LogStore } from './log-store';
import { logGroupNameOf, queryOperations } from './logs-query-api';
import type { SavedQueryView } from './web/api-types';

export interface LogsApiSource {
  readonly pseudo: PseudoParameters;
  readonly logGroups: readonly LogGroupModel[];
  readonly metricFilters: readonly MetricFilterModel[];
  readonly store: LogStore;
  /** Stands in for the groups' creation time: the stack "exists" since the runtime started. */
  readonly createdAt: number;
  /** The stack's saved queries (DescribeQueryDefinitions). @default none */
  readonly queryDefinitions?: readonly SavedQueryView[];
  /** Holds each StartQuery once Running (tests observe that state). */
  readonly queryGate?: () => Promise<void>;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/**
 * CloudWatch Logs (`Logs_20140328`, AWS JSON 1.1), the Describe operations the health function uses, answered
 * from the template (groups, retention, metric filters) and the local log store (streams, ingestion times),
 * and the search operations (FilterLogEvents, Logs Insights queries, saved query definitions) over the store.
 */
export const logsService = (source: LogsApiSource): LocalService => {
  const { pseudo, store } = source;
  const groupArn = (name: string) => `arn:aws:logs:${pseudo.region}:${pseudo.accountId}:log-group:${name}`;
  const requireGroup = (name: string | undefined): LogGroupModel => {
    const group = source.logGroups.find((candidate) => candidate.name === name);
    if (!group) throw new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
    return group;
  };

  const describeLogGroups = (input: Record<string, unknown>) => {
    const prefix = text(input.logGroupNamePrefix);
    const pattern = text(input.logGroupNamePattern)?.toLowerCase();
    if (prefix && pattern) {
      throw new AwsError(
        'InvalidParameterException',
        'logGroupNamePrefix and logGroupNamePattern are exclusive',
      );
    }
    const groups = source.logGroups
      .filter((group) => !prefix || group.name.startsWith(prefix))
      .filter((group) => !pattern || group.name.toLowerCase().includes(pattern))
      .sort((a, b) => a.name.localeCompare(b.name));
    const { page, nextToken } = paginate(groups, input.limit, input.nextToken);
    return {
      logGroups: page.map((group) => ({
        logGroupName: group.name,
        creationTime: source.createdAt,
        retentionInDays: group.retentionDays,
        metricFilterCount: source.metricFilters.filter((filter) => filter.logGroupName === group.name).length,
        arn: `${groupArn(group.name)}:*`,
        logGroupArn: groupArn(group.name),
        storedBytes: store.storedBytes(group.name),
        logGroupClass: 'STANDARD',
      })),
      nextToken,
    };
  };

  const describeMetricFilters = (input: Record<string, unknown>) => {
    const logGroupName = text(input.logGroupName);
    if (logGroupName) requireGroup(logGroupName);
    const prefix = text(input.filterNamePrefix);
    const metricName = text(input.metricName);
    const metricNamespace = text(input.metricNamespace);
    const filters = source.metricFilters
      .filter((filter) => !logGroupName || filter.logGroupName === logGroupName)
      .filter((filter) => !prefix || filter.filterName.startsWith(prefix))
      .filter(
        (filter) =>
          !metricName ||
          filter.metricTransformations.some(
            (t) => t.metricName === metricName && (!metricNamespace || t.metricNamespace === metricNamespace),
          ),
      );
    const { page, nextToken } = paginate(filters, input.limit, input.nextToken);
    return {
      metricFilters: page.map((filter) => ({
        filterName: filter.filterName,
        filterPattern: filter.filterPattern,
        logGroupName: filter.logGroupName,
        creationTime: source.createdAt,
        metricTransformations: filter.metricTransformations.map((t) => ({
          metricName: t.metricName,
          metricNamespace: t.metricNamespace,
          metricValue: t.metricValue,
          defaultValue: t.defaultValue,
          unit: t.unit,
          dimensions: Object.keys(t.dimensions).length > 0 ? t.dimensions : undefined,
        })),
      })),
      nextToken,
    };
  };

  const describeLogStreams = (input: Record<string, unknown>) => {
    const group = requireGroup(
      text(input.logGroupName) ?? text(input.logGroupIdentifier)?.split(':log-group:')[1],
    );
    const byName = input.orderBy !== 'LastEventTime';
    const prefix = text(input.logStreamNamePrefix);
    if (prefix && !byName)
      throw new AwsError(
        'InvalidParameterException',
        'Cannot order by LastEventTime with a logStreamNamePrefix.',
      );
    const streams = store
      .describeStreams(group.name)
      .filter((stream) => !prefix || stream.logStreamName.startsWith(prefix))
      .sort((a, b) =>
        byName ? a.logStreamName.localeCompare(b.logStreamName) : a.lastEventTimestamp - b.lastEventTimestamp,
      );
    if (input.descending === true) streams.reverse();
    const { page, nextToken } = paginate(streams, input.limit, input.nextToken);
    return {
      logStreams: page.map((stream) => ({
        logStreamName: stream.logStreamName,
        creationTime: stream.creationTime,
        firstEventTimestamp: stream.firstEventTimestamp,
        lastEventTimestamp: stream.lastEventTimestamp,
        lastIngestionTime: stream.lastIngestionTime,
        uploadSequenceToken: '1',
        arn: `${groupArn(group.name)}:log-stream:${stream.logStreamName}`,
        storedBytes: stream.storedBytes,
      })),
      nextToken,
    };
  };

  return {
    targetPrefix: 'Logs_20140328',
    jsonVersion: '1.1',
    operations: {
      DescribeLogGroups: describeLogGroups,
      DescribeMetricFilters: describeMetricFilters,
      DescribeLogStreams: describeLogStreams,
      FilterLogEvents: (input) =>
        filterLogEvents(
          {
            root: store.root,
            ledger: store.lineStreams,
            requireGroup: (identifier) => requireGroup(identifier && logGroupNameOf(identifier)).name,
          },
          input,
        ),
      ...queryOperations({
        root: store.root,
        ledger: store.lineStreams,
        accountId: pseudo.accountId,
        logGroups: source.logGroups,
        queryDefinitions: source.queryDefinitions ?? [],
        createdAt: source.createdAt,
        queryGate: source.queryGate,
      }),
    },
  };
};
