import { createHash } from 'node:crypto';
import type { LogGroupModel } from '../cloud-assembly';
import { MAX_LIMIT, MAX_QUERY_LENGTH, parseQuery, type Query, QueryError } from '../insights';
import { AwsError, type Operation, paginate } from './aws-endpoint';
import { InsightsQueries, MaxConcurrentQueries, type StoreQuerySource } from './insights-queries';
import type { SavedQueryView } from './web/api-types';

export interface LogsQueryApiSource extends StoreQuerySource {
  readonly logGroups: readonly LogGroupModel[];
  /** The stack's `AWS::Logs::QueryDefinition`s, with local log group names. */
  readonly queryDefinitions: readonly SavedQueryView[];
  /** Stands in for the definitions' last modification: when the runtime started. */
  readonly createdAt: number;
  /** Holds each query after it turns Running (tests). */
  readonly queryGate?: () => Promise<void>;
}

/** StartQuery takes at most 50 log groups. */
const MaxQueryGroups = 50;

const invalid = (message: string) => new AwsError('InvalidParameterException', message);

/** A name, or an ARN (`arn:aws:logs:<region>:<account>:log-group:<name>`, with or without `:*`), to a name. */
export const logGroupNameOf = (identifier: string): string => {
  const match = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(identifier);
  return match ? match[1] : identifier;
};

const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : undefined;

/** A stable id per definition, shaped like the service's UUIDs. */
const definitionId = (name: string): string => {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

const epochSeconds = (value: unknown, name: string): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw invalid(`${name} is required: a whole number of seconds since the epoch.`);
  return value;
};

/**
 * Logs Insights through the local endpoint: StartQuery, GetQueryResults, StopQuery and
 * DescribeQueryDefinitions, over the local log store with the same engine `logs query` uses, answering the
 * service's errors (MalformedQueryException with its queryCompileError, ResourceNotFoundException,
 * InvalidParameterException, LimitExceededException).
 */
export const queryOperations = (source: LogsQueryApiSource): Record<string, Operation> => {
  const queries = new InsightsQueries(source, source.queryGate);
  const known = new Set(source.logGroups.map((group) => group.name));

  const groupsOf = (input: Record<string, unknown>): string[] => {
    const given = [input.logGroupName, input.logGroupNames, input.logGroupIdentifiers].filter(
      (value) => value !== undefined,
    );
    if (given.length !== 1)
      throw invalid('Exactly one of logGroupName, logGroupNames or logGroupIdentifiers is required.');
    const names = (strings(given[0]) ?? []).map(logGroupNameOf);
    if (names.length === 0 || names.length > MaxQueryGroups)
      throw invalid(`Give between 1 and ${MaxQueryGroups} log groups.`);
    const missing = names.find((name) => !known.has(name));
    if (missing !== undefined)
      throw new AwsError('ResourceNotFoundException', `Log group '${missing}' does not exist.`);
    return [...new Set(names)];
  };

  const parse = (text: unknown): Query => {
    if (typeof text !== 'string' || text.trim() === '') throw invalid('queryString is required.');
    if (text.length > MAX_QUERY_LENGTH)
      throw invalid(`queryString is at most ${MAX_QUERY_LENGTH} characters.`);
    try {
      return parseQuery(text);
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      throw new AwsError('MalformedQueryException', error.message, 400, {
        queryCompileError: error.queryCompileError,
      });
    }
  };

  const startQuery = (input: Record<string, unknown>) => {
    if (input.queryLanguage !== undefined && input.queryLanguage !== 'CWLI')
      throw invalid('Only Logs Insights QL (CWLI) is served locally.');
    const logGroupNames = groupsOf(input);
    const start = epochSeconds(input.startTime, 'startTime');
    const end = epochSeconds(input.endTime, 'endTime');
    if (end < start) throw invalid('endTime must not be before startTime.');
    const limit = input.limit;
    if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1))
      throw invalid('limit is a whole number of at least 1.');
    const query = parse(input.queryString);
    if (queries.running >= MaxConcurrentQueries)
      throw new AwsError('LimitExceededException', `At most ${MaxConcurrentQueries} queries run at a time.`);
    // Seconds, both inclusive: the whole last second counts.
    const range = {
      start: start * 1000,
      end: end * 1000 + 999,
      limit: Math.min(MAX_LIMIT, Number(limit ?? MAX_LIMIT)),
    };
    return { queryId: queries.start(query, logGroupNames, range) };
  };

  const viewOf = (input: Record<string, unknown>) => {
    const id = typeof input.queryId === 'string' ? input.queryId : '';
    const view = queries.view(id);
    if (!view) throw new AwsError('ResourceNotFoundException', `Query ${id || '(none)'} does not exist.`);
    return view;
  };

  const getQueryResults = (input: Record<string, unknown>) => {
    const { status, results } = viewOf(input);
    return {
      queryLanguage: 'CWLI',
      status,
      results: results.rows,
      statistics: results.statistics,
    };
  };

  const stopQuery = (input: Record<string, unknown>) => {
    viewOf(input);
    return { success: queries.stop(String(input.queryId)) === true };
  };

  const describeQueryDefinitions = (input: Record<string, unknown>) => {
    const prefix = typeof input.queryDefinitionNamePrefix === 'string' ? input.queryDefinitionNamePrefix : '';
    const max = input.maxResults;
    if (max !== undefined && (typeof max !== 'number' || max < 1 || max > 1000))
      throw invalid('maxResults is between 1 and 1000.');
    const matching = source.queryDefinitions.filter((definition) => definition.name.startsWith(prefix));
    const { page, nextToken } = paginate(matching, max, input.nextToken, 1000);
    return {
      queryDefinitions: page.map((definition) => ({
        queryLanguage: 'CWLI',
        queryDefinitionId: definitionId(definition.name),
        name: definition.name,
        queryString: definition.queryString,
        lastModified: source.createdAt,
        logGroupNames: definition.logGroups,
      })),
      nextToken,
    };
  };

  return {
    StartQuery: startQuery,
    GetQueryResults: getQueryResults,
    StopQuery: stopQuery,
    DescribeQueryDefinitions: describeQueryDefinitions,
  };
};
