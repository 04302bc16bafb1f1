import { type ParseArgsOptionDescriptor, parseArgs } from 'node:util';

/** Exit codes every command shares: 2 is a usage error (the convention of getopt, argparse and the AWS CLI). */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;

/** One option as `parseArgs` takes it, plus what `--help` says about it. */
export type OptionSpec = ParseArgsOptionDescriptor & {
  readonly description: string;
  /** Placeholder shown after a string option: `--port N`. @default 'VALUE' */
  readonly valueName?: string;
};

export interface CommandSpec {
  /** The synopsis after `Usage:`, e.g. `npm start -- [options]`. */
  readonly usage: string;
  /** What the command does, one or two sentences. */
  readonly summary: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Set when the command takes positional arguments: how `--help` names them. */
  readonly positionals?: string;
  /** Lines after the options: examples, environment variables. */
  readonly notes?: readonly string[];
}

/** Where a command writes; the same shape as the `logs` commands' io. */
export interface CliOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const helpOption: OptionSpec = { type: 'boolean', short: 'h', description: 'show this help and exit' };

/** A boolean that defaults to true is documented by the flag that changes it: `--no-synth`. */
const flagOf = (name: string, option: OptionSpec): string => {
  if (option.type === 'boolean') {
    const long = option.default === true ? `--no-${name}` : `--${name}`;
    return option.short ? `-${option.short}, ${long}` : long;
  }
  const long = `--${name} ${option.valueName ?? 'VALUE'}`;
  return option.short ? `-${option.short}, ${long}` : long;
};

/** The full `--help` text: synopsis, summary, every option with its description, then the notes. */
export const formatHelp = (spec: CommandSpec): string => {
  const entries = Object.entries({ ...spec.options, help: helpOption }).map(
    ([name, option]) => [flagOf(name, option), option.description] as const,
  );
  const width = Math.max(...entries.map(([flag]) => flag.length)) + 2;
  return [
    `Usage: ${spec.usage}`,
    '',
    spec.summary,
    '',
    'Options:',
    ...entries.map(([flag, description]) => `  ${flag.padEnd(width)}${description}`),
    ...(spec.notes && spec.notes.length > 0 ? ['', ...spec.notes] : []),
    '',
  ].join('\n');
};

/** `parseArgs` messages made short and specific: the option or argument in question, nothing about `--`. */
const explain = (error: unknown): string => {
  const { code, message } = error as { code?: string; message: string };
  const quoted = /'([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted) return `unknown option ${quoted}`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && quoted) return `unexpected argument ${quoted}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return message.replace(/^Option/, 'option');
  return message;
};

/** Thrown by a command's own checks after parsing (a bad port, a missing required option). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Writes a usage error the same way for every command and returns the exit code to use. */
export const reportUsageError = (spec: CommandSpec, io: CliOutput, problem: string): number => {
  io.stderr(`error: ${problem}\nUsage: ${spec.usage}\nRun with --help to see every option.\n`);
  return ExitCode.usage;
};

export interface ParsedCommandLine {
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: string[];
  readonly tokens: NonNullable<ReturnType<typeof parseArgs>['tokens']>;
}

/**
 * Parses argv against the spec with `node:util` `parseArgs` (strict: an unknown option is an error). Returns
 * the parsed line, or the exit code when the command should stop here: 0 after printing `--help` to stdout,
 * 2 after printing a usage error to stderr.
 */
export const parseCommandLine = (
  spec: CommandSpec,
  argv: readonly string[],
  io: CliOutput,
): ParsedCommandLine | number => {
  const options = Object.fromEntries(
    Object.entries({ ...spec.options, help: helpOption }).map(
      ([name, { description, valueName, ...rest }]) => [name, rest],
    ),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: spec.positionals !== undefined,
      allowNegative: true,
      tokens: true,
    });
  } catch (error) {
    // `--help` anywhere wins over a mistake elsewhere on the line, as in most CLIs.
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout(formatHelp(spec));
      return ExitCode.ok;
    }
    return reportUsageError(spec, io, explain(error));
  }
  if (parsed.values.help === true) {
    io.stdout(formatHelp(spec));
    return ExitCode.ok;
  }
  // allowNegative accepts `--no-x` for every boolean; only options that default to true document it.
  const negated = parsed.tokens?.find(
    (token) =>
      token.kind === 'option' &&
      token.rawName.startsWith('--no-') &&
      spec.options[token.name]?.default !== true,
  );
  if (negated?.kind === 'option') return reportUsageError(spec, io, `unknown option ${negated.rawName}`);
  return { values: parsed.values, positionals: parsed.positionals, tokens: parsed.tokens ?? [] };
};
