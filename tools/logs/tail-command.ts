import path from 'node:path';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { type CommandSpec, ExitCode, parseCommandLine, reportUsageError, UsageError } from '../cli/parse';
import type { StackModel } from '../cloud-assembly';
import { type CompiledFilterPattern, compileFilterPattern, FilterPatternError } from '../filter-pattern';
import { accessLogDestination } from '../local/access-log';
import { formatRecord } from '../local/console-view';
import { parseJsonObject } from '../local/event-time';
import { logGroupNameOf } from '../local/logs-query-api';
import { type Paint, painterFor } from '../local/terminal-text';
import { runLiveTail } from './aws-live-tail';
import { awsLogGroups, deployedStackOf } from './aws-targets';
import type { Command, CommandIo } from './command';
import { followStore } from './local-follow';
import { defaultHome, loadStack, resolveGroups } from './stack-context';
import { logGroupArn } from './stack-resources';
import { stopOnSignals } from './stop-signals';
import { parseDuration } from './time-range';

export const tailSpec: CommandSpec = {
  usage:
    'npm run --silent logs -- tail [--group NAME ...] [--filter-pattern P] [--since 10m] [--json]\n' +
    '       npm run --silent logs -- tail --aws [--group NAME ...] [--filter-pattern P] [--stack NAME]',
  summary:
    'Follows the local logs (`npm start` stores them in .cream/logs) live, one readable line per record as the\n' +
    "`npm start` console prints it, or each record as stored (--json); --aws follows the deployed stack's log\n" +
    'groups with CloudWatch Live Tail. Runs until Ctrl-C (exit 0) or until its output closes (`| head`).',
  options: {
    group: {
      type: 'string',
      multiple: true,
      valueName: 'NAME',
      description: 'a log group to follow (repeatable): name, function logical id, service, or access',
    },
    'filter-pattern': {
      type: 'string',
      valueName: 'P',
      description: 'only events the CloudWatch filter pattern matches (the metric filters’ syntax)',
    },
    since: {
      type: 'string',
      valueName: 'D',
      description: 'start with the stored records of the last D (10m, 1h)',
    },
    format: {
      type: 'string',
      valueName: 'text|json',
      description: 'text (default) or json (records as stored)',
    },
    json: { type: 'boolean', description: 'the same as --format json' },
    aws: {
      type: 'boolean',
      description: 'follow the deployed stack with StartLiveTail (AWS credentials needed)',
    },
    stack: {
      type: 'string',
      valueName: 'NAME',
      description: 'the stack (in cdk.out, and deployed with --aws)',
    },
    region: { type: 'string', valueName: 'R', description: 'with --aws: the region' },
    home: {
      type: 'string',
      valueName: 'DIR',
      description: 'the local state npm start used (default .cream)',
    },
    'cdk-out': { type: 'string', valueName: 'DIR', description: 'the synthesized stack (default cdk.out)' },
  },
  notes: [
    'Examples:',
    '  npm run --silent logs -- tail --group login --filter-pattern \'{ $.outcome = "failure" }\'',
    '  npm run --silent logs -- tail --since 15m --json | jq -c \'select(.level == "ERROR")\'',
  ],
};

interface TailValues {
  group?: string[];
  'filter-pattern'?: string;
  since?: string;
  format?: string;
  json?: boolean;
  aws?: boolean;
  stack?: string;
  region?: string;
  home?: string;
  'cdk-out'?: string;
}

export interface TailDeps {
  /** Ends the tail (Ctrl-C, SIGTERM, stdout closed). */
  readonly signal: AbortSignal;
  readonly paint?: Paint;
  readonly now?: () => number;
}

/** Who writes each group, for the console's service column: a function's name, or the API for access logs. */
const writersOf = (model: StackModel): Map<string, string> => {
  const writers = new Map(model.functions.map((fn) => [fn.logGroupName, fn.functionName] as const));
  const access = accessLogDestination(model);
  if (access) writers.set(access.logGroupName, access.apiLogicalId);
  return writers;
};

const compilePattern = (pattern: string | undefined): CompiledFilterPattern | undefined => {
  if (pattern === undefined || pattern.trim() === '') return undefined;
  return compileFilterPattern(pattern);
};

/** `logs tail` with its stop signal and colors injectable (tests). */
export const runTailCommand = async (
  args: readonly string[],
  io: CommandIo,
  deps: TailDeps,
): Promise<number> => {
  const parsed = parseCommandLine(tailSpec, args, io);
  if (typeof parsed === 'number') return parsed;
  const values = parsed.values as TailValues;
  try {
    const json = values.json === true || values.format === 'json';
    if (values.format !== undefined && values.format !== 'text' && values.format !== 'json')
      throw new UsageError('--format is text or json');
    if (values.aws && values.since !== undefined)
      throw new UsageError('Live Tail has no history: leave out --since (or use logs query --aws --since)');
    const since =
      values.since === undefined ? undefined : (deps.now?.() ?? Date.now()) - parseDuration(values.since);
    const pattern = compilePattern(values['filter-pattern']);
    const model = await loadStack({
      cdkOut: values['cdk-out'],
      stack: values.stack,
      say: (line) => io.stderr(`${line}\n`),
    });
    const writers = writersOf(model);
    const services = new Map(
      model.functions.map((fn) => [fn.functionName, fn.environment.POWERTOOLS_SERVICE_NAME]),
    );
    const view = {
      paint: deps.paint ?? ((_style, text) => text),
      serviceOf: (name: string) => services.get(name),
    };
    const print = (logGroupName: string, logStreamName: string, line: string, time: number) => {
      if (deps.signal.aborted || (pattern && !pattern.match(line))) return;
      if (json) return io.stdout(`${line}\n`);
      const record = parseJsonObject(line) ?? { message: line };
      const functionName = writers.get(logGroupName) ?? logGroupName;
      io.stdout(`${formatRecord({ logGroupName, logStreamName, functionName, line, record, time }, view)}\n`);
    };
    if (values.aws) return await tailAws(model, values, io, deps, print);
    const groups = values.group ? resolveGroups(model, values.group) : model.logGroups;
    const follower = followStore({
      root: path.join(path.resolve(values.home ?? defaultHome()), 'logs'),
      logGroupNames: groups.map((group) => group.name),
      since,
      onLine: ({ logGroupName, line, time }) => print(logGroupName, '', line, time),
    });
    await follower.ready;
    io.stderr(`following ${groups.map((group) => group.name).join(', ')} (Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      if (deps.signal.aborted) resolve();
      deps.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    follower.close();
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof UsageError) return reportUsageError(tailSpec, io, error.message);
    if (error instanceof FilterPatternError) {
      io.stderr(`error: invalid filter pattern: ${error.message}\n`);
      return ExitCode.failure;
    }
    if ((error as { $metadata?: unknown }).$metadata !== undefined) {
      const { name, message } = error as Error;
      io.stderr(`error: ${name}: ${message}\n`);
      return ExitCode.failure;
    }
    throw error;
  }
};

const tailAws = async (
  model: StackModel,
  values: TailValues,
  io: CommandIo,
  deps: TailDeps,
  print: (logGroupName: string, logStreamName: string, line: string, time: number) => void,
): Promise<number> => {
  const deployed = await deployedStackOf(model, values.stack, values.region);
  const names = awsLogGroups(model, deployed, { groups: values.group });
  // Events name their group by ARN; the console's columns want the model's (local) name back.
  const localNames = new Map(
    model.logGroups.flatMap((group) => {
      const physical = deployed.physicalIds.get(group.logicalId);
      return physical ? [[physical, group.name] as const] : [];
    }),
  );
  const client = new CloudWatchLogsClient({ region: values.region ?? (deployed.region || undefined) });
  const end = await runLiveTail(
    client,
    {
      logGroupArns: names.map((name) => logGroupArn(deployed, name)),
      filterPattern: values['filter-pattern'],
    },
    {
      signal: deps.signal,
      onStart: () => io.stderr(`following ${names.join(', ')} with Live Tail (Ctrl-C to stop)\n`),
      onSampled: () => io.stderr('note: more than 500 events a second match; Live Tail sends a sample\n'),
      onEvent: (event) => {
        const name = logGroupNameOf(event.logGroupIdentifier ?? '');
        print(
          localNames.get(name) ?? name,
          event.logStreamName ?? '',
          event.message ?? '',
          event.timestamp ?? 0,
        );
      },
    },
  );
  if (end === 'timed-out') io.stderr('the Live Tail session ended (its limit is 3 hours)\n');
  return ExitCode.ok;
};

/** `logs tail`: until SIGINT/SIGTERM or until stdout closes (`| head`), then exit 0. */
export const tailCommand: Command = async (args, io) =>
  stopOnSignals((signal) => runTailCommand(args, io, { signal, paint: painterFor(process.stdout) }));
