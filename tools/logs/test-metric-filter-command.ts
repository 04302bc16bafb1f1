import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { type CommandSpec, ExitCode, parseCommandLine, reportUsageError } from '../cli/parse';
import { FilterPatternError, testMetricFilter } from '../filter-pattern';
import type { Command, CommandIo } from './command';

export const testMetricFilterSpec: CommandSpec = {
  usage:
    'npm run --silent logs -- test-metric-filter --filter-pattern P (--log-event-messages M [M ...] | --log-event-messages-file F)\n' +
    '       npm run --silent logs -- test-metric-filter --batch < requests.jsonl',
  summary:
    'Offline drop-in for `aws logs test-metric-filter`: prints which log events the CloudWatch filter pattern\n' +
    'matches and the values it extracts, as the AWS CLI does (exit 1 when the pattern is invalid).',
  options: {
    'filter-pattern': { type: 'string', valueName: 'P', description: 'the filter pattern to test' },
    'log-event-messages': {
      type: 'string',
      multiple: true,
      valueName: 'M [M ...]',
      description:
        'log event messages, one argument each (or one JSON list of strings, as the AWS CLI takes)',
    },
    'log-event-messages-file': {
      type: 'string',
      valueName: 'F',
      description:
        'read log event messages from file F, one per line (`-` for stdin); empty lines are skipped',
    },
    batch: {
      type: 'boolean',
      description:
        'read {"filterPattern": ..., "logEventMessages": [...]} lines on stdin, answer one line each',
    },
  },
  positionals: 'M',
  notes: [
    'Example:',
    "  npm run --silent logs -- test-metric-filter --filter-pattern '{ $.status_code >= 500 }' \\",
    '    --log-event-messages \'{"status_code":503}\' \'{"status_code":200}\'',
  ],
};

interface Options {
  readonly filterPattern?: string;
  readonly logEventMessages?: string[];
  readonly file?: string;
  readonly batch: boolean;
}

/**
 * `--log-event-messages` takes several values, as in the AWS CLI: the arguments after it up to the next
 * option are its values. `parseArgs` sees those as positionals; any other positional is an error.
 */
const readOptions = (args: readonly string[], io: CommandIo): Options | number => {
  const parsed = parseCommandLine(testMetricFilterSpec, args, io);
  if (typeof parsed === 'number') return parsed;
  const messages: string[] = [];
  let collecting = false;
  let given = false;
  for (const token of parsed.tokens) {
    if (token.kind === 'option') {
      collecting = token.name === 'log-event-messages';
      given ||= collecting;
      if (collecting && token.value !== undefined) messages.push(token.value);
    } else if (token.kind === 'positional') {
      if (!collecting)
        return reportUsageError(testMetricFilterSpec, io, `unexpected argument ${token.value}`);
      messages.push(token.value);
    }
  }
  const values = parsed.values as {
    'filter-pattern'?: string;
    'log-event-messages-file'?: string;
    batch?: boolean;
  };
  const options: Options = {
    filterPattern: values['filter-pattern'],
    logEventMessages: given ? messages : undefined,
    file: values['log-event-messages-file'],
    batch: values.batch ?? false,
  };
  const problem = problemOf(options);
  return problem ? reportUsageError(testMetricFilterSpec, io, problem) : options;
};

const problemOf = ({ batch, filterPattern, logEventMessages, file }: Options): string | undefined => {
  if (batch) {
    const alone = filterPattern === undefined && !logEventMessages && file === undefined;
    return alone ? undefined : '--batch reads everything from stdin: give it alone';
  }
  if (filterPattern === undefined) return 'the following arguments are required: --filter-pattern';
  if (logEventMessages && file !== undefined)
    return 'give --log-event-messages or --log-event-messages-file, not both';
  if (!logEventMessages && file === undefined) {
    return 'the following arguments are required: --log-event-messages (or --log-event-messages-file)';
  }
  return undefined;
};

/** Lines of a file or of stdin (`-`), without line ends. */
const linesOf = (file: string, io: CommandIo) =>
  createInterface({
    input: file === '-' ? Readable.from(io.stdin) : createReadStream(file),
    crlfDelay: Number.POSITIVE_INFINITY,
  });

/** Like the AWS CLI, a single `[...]` argument holding a JSON list of strings is that list. */
function expandJsonList(messages: string[]): string[] {
  if (messages.length !== 1 || !messages[0].trimStart().startsWith('[')) return messages;
  try {
    const parsed: unknown = JSON.parse(messages[0]);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : messages;
  } catch {
    return messages;
  }
}

const awsError = (message: string): string =>
  `\nAn error occurred (InvalidParameterException) when calling the TestMetricFilter operation: ${message}\n`;

/** One `--batch` line: a request in, a response (or `{"error": ...}`) out. */
export function answerBatchLine(line: string): string {
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch {
    return JSON.stringify({ error: 'request is not valid JSON' });
  }
  const { filterPattern, logEventMessages } = (request ?? {}) as Record<string, unknown>;
  if (typeof filterPattern !== 'string') return JSON.stringify({ error: 'filterPattern must be a string' });
  if (!Array.isArray(logEventMessages) || !logEventMessages.every((message) => typeof message === 'string')) {
    return JSON.stringify({ error: 'logEventMessages must be an array of strings' });
  }
  try {
    return JSON.stringify(testMetricFilter(filterPattern, logEventMessages));
  } catch (error) {
    if (error instanceof FilterPatternError) return JSON.stringify({ error: error.message });
    throw error;
  }
}

async function runBatch(io: CommandIo): Promise<number> {
  for await (const line of linesOf('-', io)) {
    if (line.trim() !== '') io.stdout(`${answerBatchLine(line)}\n`);
  }
  return 0;
}

/** Offline `aws logs test-metric-filter`: same arguments, same JSON answer. */
export const testMetricFilterCommand: Command = async (args, io) => {
  const options = readOptions(args, io);
  if (typeof options === 'number') return options;
  if (options.batch) return runBatch(io);
  let messages = expandJsonList(options.logEventMessages ?? []);
  if (options.file !== undefined) {
    messages = [];
    try {
      for await (const line of linesOf(options.file, io)) if (line.trim() !== '') messages.push(line);
    } catch (error) {
      io.stderr(`error: cannot read ${options.file}: ${(error as Error).message}\n`);
      return ExitCode.failure;
    }
  }
  try {
    const response = testMetricFilter(options.filterPattern ?? '', messages);
    // The AWS CLI prints its JSON output indented by four spaces.
    io.stdout(`${JSON.stringify(response, null, 4)}\n`);
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof FilterPatternError)) throw error;
    io.stderr(awsError(error.message));
    return ExitCode.failure;
  }
};
