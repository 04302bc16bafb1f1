import fs from 'node:fs';
import path from 'node:path';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ExitCode, parseCommandLine, reportUsageError, UsageError } from '../cli/parse';
import type { StackModel } from '../cloud-assembly';
import { checkQuery, parseQuery, QueryError, type ResultRow, startQuery } from '../insights';
import { queryStore } from '../local/insights-queries';
import { type AwsQueryHooks, QueryEndedError, QueryInterrupted, runAwsQuery } from './aws-query';
import { awsLogGroups, deployedStackOf } from './aws-targets';
import type { Command, CommandIo } from './command';
import { forEachFileEvent } from './file-events';
import { formatRows, type OutputFormat, OutputFormats, progressLine, summaryLine } from './query-output';
import { describeMalformedQuery } from './query-problem';
import { querySpec } from './query-spec';
import { defaultHome, findSavedQuery, loadStack, resolveGroups } from './stack-context';
import { stopOnSignals } from './stop-signals';
import { DefaultSinceMs, resolveRange, type TimeRange } from './time-range';

interface QueryValues {
  group?: string[];
  saved?: string;
  'correlation-id'?: string;
  since?: string;
  start?: string;
  end?: string;
  limit?: string;
  format?: string;
  file?: string[];
  check?: string;
  aws?: boolean;
  stack?: string;
  region?: string;
  home?: string;
  'cdk-out'?: string;
}

/** What tests replace: the clock, Ctrl-C, the wait between GetQueryResults polls. */
export interface QueryDeps {
  readonly now?: () => number;
  readonly signal?: AbortSignal;
  readonly sleep?: AwsQueryHooks['sleep'];
}

interface Rows {
  readonly fields: readonly string[];
  readonly rows: ResultRow[];
  readonly statistics: { recordsMatched?: number; recordsScanned?: number; bytesScanned?: number };
  readonly warnings: readonly string[];
}

/** A value inside the query's double quotes: backslashes and quotes escaped, as the query language reads them. */
const quoted = (value: string) => value.replaceAll('\\', '\\\\').replaceAll('"', '\\"');

const conflicts = (values: QueryValues, positionals: readonly string[]): string | undefined => {
  if (positionals.length > 1) return `one query at a time (got ${positionals.length}; quote the query)`;
  if (values.check !== undefined)
    return positionals.length > 0 || values.saved
      ? '--check takes the query itself: give it alone'
      : undefined;
  if (positionals.length > 0 && values.saved !== undefined) return 'give a query or --saved NAME, not both';
  if (positionals.length === 0 && values.saved === undefined)
    return 'the following arguments are required: QUERY (or --saved NAME)';
  if (values.file && (values.aws || values.group)) return '--file reads files: leave out --aws and --group';
  if (values.format !== undefined && !(OutputFormats as readonly string[]).includes(values.format))
    return `--format is one of ${OutputFormats.join(', ')}`;
  if (values.limit !== undefined && !/^[1-9]\d*$/.test(values.limit))
    return '--limit is a whole number of at least 1';
  return undefined;
};

/** `--check`: the query validated, with the service's answer for a malformed one. */
const check = (text: string, io: CommandIo): number => {
  const result = checkQuery(text);
  if (!result.ok) {
    io.stderr(describeMalformedQuery(text, result.error.problem, result.error.location));
    return ExitCode.failure;
  }
  for (const warning of result.query.warnings) io.stderr(`warning: ${warning}\n`);
  io.stderr('The query is valid.\n');
  return ExitCode.ok;
};

/** The query text: given, or saved in the stack; the correlation id put in its placeholder. */
const queryTextOf = async (
  values: QueryValues,
  positional: string | undefined,
  model: () => Promise<StackModel>,
  io: CommandIo,
): Promise<{ text: string; savedGroups?: readonly string[] }> => {
  const saved = values.saved === undefined ? undefined : findSavedQuery(await model(), values.saved);
  const text = positional ?? saved!.queryString;
  const id = values['correlation-id'];
  if (id === undefined && saved === undefined) return { text };
  const { CorrelationIdPlaceholder } = await import('../../lib/saved-queries');
  if (id === undefined) {
    if (text.includes(CorrelationIdPlaceholder))
      io.stderr(`note: this query looks for ${CorrelationIdPlaceholder}; give --correlation-id ID\n`);
    return { text, savedGroups: saved?.logGroups };
  }
  if (!text.includes(CorrelationIdPlaceholder))
    throw new UsageError(
      `--correlation-id fills ${CorrelationIdPlaceholder}, which this query does not contain`,
    );
  return { text: text.replaceAll(CorrelationIdPlaceholder, quoted(id)), savedGroups: saved?.logGroups };
};

/** Everything a run needs once the query text and range are known. */
interface QueryRunInput {
  readonly text: string;
  readonly values: QueryValues;
  readonly savedGroups?: readonly string[];
  readonly range: TimeRange;
  readonly limit?: number;
  readonly io: CommandIo;
  readonly deps: QueryDeps;
}

const runLocal = async (
  { text, values, savedGroups, range, limit, io, deps }: QueryRunInput,
  model: StackModel,
): Promise<Rows> => {
  const groups = values.group
    ? resolveGroups(model, values.group).map((group) => group.name)
    : (savedGroups ?? model.logGroups.map((group) => group.name));
  const root = path.join(path.resolve(values.home ?? defaultHome()), 'logs');
  if (!fs.existsSync(root))
    io.stderr(`note: no local logs in ${root} yet (npm start writes them; or give --home)\n`);
  const source = { root, accountId: model.pseudo.accountId };
  return queryStore(parseQuery(text), source, groups, { ...range, limit, signal: deps.signal });
};

const runFiles = async ({ text, values, range, limit, io }: QueryRunInput): Promise<Rows> => {
  const run = startQuery(text, { ...range, limit });
  for (const file of values.file ?? []) await forEachFileEvent(file, io.stdin, (event) => run.push(event));
  return run.finish();
};

const runOnAws = async (input: QueryRunInput, model: StackModel, now: number): Promise<Rows> => {
  const { text, values, savedGroups, range, limit, io, deps } = input;
  parseQuery(text); // The same MalformedQueryException locally, before any call to AWS.
  const deployed = await deployedStackOf(model, values.stack, values.region);
  const logGroupNames = awsLogGroups(model, deployed, { groups: values.group, savedGroups });
  const client = new CloudWatchLogsClient({ region: values.region ?? (deployed.region || undefined) });
  io.stderr(`querying ${logGroupNames.join(', ')} in ${deployed.stackName} (${deployed.region})\n`);
  let last = '';
  const result = await runAwsQuery(
    client,
    { logGroupNames, queryString: text, start: range.start ?? 0, end: range.end ?? now, limit },
    {
      signal: deps.signal,
      sleep: deps.sleep,
      onProgress: (status, statistics) => {
        const line = progressLine(status, statistics);
        if (line !== last) io.stderr(`${line}\n`);
        last = line;
      },
    },
  );
  return { fields: [], rows: result.rows, statistics: result.statistics, warnings: [] };
};

/** Engine and AWS errors as the AWS CLI words them (with --aws, any error: credentials, network); else rethrown. */
const reportFailure = (error: unknown, text: string, io: CommandIo, aws: boolean): number => {
  if (error instanceof QueryError) {
    io.stderr(describeMalformedQuery(text, error.problem, error.location));
    return ExitCode.failure;
  }
  const { name, message, queryCompileError } = error as {
    name?: string;
    message?: string;
    queryCompileError?: { location?: { startCharOffset?: number; endCharOffset?: number } };
  };
  if (name === 'MalformedQueryException') {
    io.stderr(describeMalformedQuery(text, message ?? '', queryCompileError?.location));
    return ExitCode.failure;
  }
  if (error instanceof QueryEndedError || (aws && error instanceof Error)) {
    io.stderr(`error: ${error instanceof QueryEndedError ? message : `${name}: ${message}`}\n`);
    return ExitCode.failure;
  }
  throw error;
};

/** `logs query` with its clock and interruption injectable (tests). */
export const runQueryCommand = async (
  args: readonly string[],
  io: CommandIo,
  deps: QueryDeps = {},
): Promise<number> => {
  const parsed = parseCommandLine(querySpec, args, io);
  if (typeof parsed === 'number') return parsed;
  const values = parsed.values as QueryValues;
  const problem = conflicts(values, parsed.positionals);
  if (problem) return reportUsageError(querySpec, io, problem);
  if (values.check !== undefined) return check(values.check, io);
  const started = Date.now();
  let text = parsed.positionals[0] ?? '';
  try {
    let model: StackModel | undefined;
    const stack = async () => {
      model ??= await loadStack({
        cdkOut: values['cdk-out'],
        stack: values.stack,
        say: (line) => io.stderr(`${line}\n`),
      });
      return model;
    };
    const query = await queryTextOf(values, parsed.positionals[0], stack, io);
    text = query.text;
    const now = deps.now?.() ?? Date.now();
    const range = resolveRange(values, now, values.file ? undefined : DefaultSinceMs);
    const limit = values.limit === undefined ? undefined : Number(values.limit);
    const input: QueryRunInput = { text, values, savedGroups: query.savedGroups, range, limit, io, deps };
    const result = values.file
      ? await runFiles(input)
      : values.aws
        ? await runOnAws(input, await stack(), now)
        : await runLocal(input, await stack());
    if (deps.signal?.aborted) throw new QueryInterrupted('interrupted');
    for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
    io.stdout(formatRows((values.format ?? 'table') as OutputFormat, result.fields, result.rows));
    io.stderr(`${summaryLine(result.rows.length, result.statistics, Date.now() - started)}\n`);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof UsageError) return reportUsageError(querySpec, io, error.message);
    if (error instanceof QueryInterrupted) {
      io.stderr(`${error.message}\n`);
      return 130;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.stderr(`error: ${(error as Error).message}\n`);
      return ExitCode.failure;
    }
    return reportFailure(error, text, io, values.aws === true);
  }
};

/** `logs query`: Ctrl-C (or SIGTERM) stops a running query, on AWS with StopQuery, and exits 130. */
export const queryCommand: Command = (args, io) =>
  stopOnSignals((signal) => runQueryCommand(args, io, { signal }));
