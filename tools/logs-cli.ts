import { ExitCode } from './cli/parse';
import type { CommandIo } from './logs/command';
import { commands } from './logs/commands';

const help = (): string => {
  const width = Math.max(...Object.keys(commands).map((name) => name.length)) + 2;
  return [
    'Usage: npm run --silent logs -- <command> [options]',
    '',
    "Offline tools for the stack's CloudWatch Logs monitoring.",
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, { summary }]) => `  ${name.padEnd(width)}${summary}`),
    '',
    'Run `logs <command> --help` for the options of one command.',
    '',
  ].join('\n');
};

/** `npm run logs -- <command> [options]`: dispatches to the command modules in tools/logs. */
export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return ExitCode.ok;
  }
  const command = name === undefined ? undefined : Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    const problem = name === undefined ? 'no command given' : `unknown command ${name}`;
    io.stderr(`error: ${problem}\n\n${help()}`);
    return ExitCode.usage;
  }
  return command.run(args, io);
}

if (require.main === module) {
  const io: CommandIo = {
    stdin: process.stdin,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
  void (async () => {
    process.exitCode = await main(process.argv.slice(2), io);
  })();
}
