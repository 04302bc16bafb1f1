import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { FilterPatternError, testMetricFilter } from '../filter-pattern';
import type { Command, CommandIo } from './command';

const USAGE = `usage: logs test-metric-filter --filter-pattern <pattern> --log-event-messages <message> [<message> ...]
       logs test-metric-filter --batch   (JSON Lines on stdin: {"filterPattern": "...", "logEventMessages": [...]})
`;

interface Options {
  filterPattern?: string;
  logEventMessages?: string[];
  batch: boolean;
}

function parseOptions(args: readonly string[]): Options | string {
  const options: Options = { batch: false };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--batch') options.batch = true;
    else if (arg === '--filter-pattern') {
      if (index + 1 >= args.length) return 'argument --filter-pattern: expected one argument';
      options.filterPattern = args[++index];
    } else if (arg.startsWith('--filter-pattern='))
      options.filterPattern = arg.slice('--filter-pattern='.length);
    else if (arg === '--log-event-messages') {
      const messages: string[] = [];
      while (index + 1 < args.length && !args[index + 1].startsWith('--')) messages.push(args[++index]);
      if (messages.length === 0) return 'argument --log-event-messages: expected at least one argument';
      options.logEventMessages = messages;
    } else return `unknown option: ${arg}`;
  }
  return options;
}

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
  const lines = createInterface({ input: Readable.from(io.stdin), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() !== '') io.stdout(`${answerBatchLine(line)}\n`);
  }
  return 0;
}

/** Offline `aws logs test-metric-filter`: same arguments, same JSON answer. */
export const testMetricFilterCommand: Command = async (args, io) => {
  const options = parseOptions(args);
  if (typeof options === 'string') {
    io.stderr(`${USAGE}error: ${options}\n`);
    return 2;
  }
  if (options.batch) return runBatch(io);
  if (options.filterPattern === undefined || options.logEventMessages === undefined) {
    io.stderr(
      `${USAGE}error: the following arguments are required: --filter-pattern, --log-event-messages\n`,
    );
    return 2;
  }
  try {
    const response = testMetricFilter(options.filterPattern, expandJsonList(options.logEventMessages));
    // The AWS CLI prints its JSON output indented by four spaces.
    io.stdout(`${JSON.stringify(response, null, 4)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof FilterPatternError)) throw error;
    io.stderr(awsError(error.message));
    return 1;
  }
};
