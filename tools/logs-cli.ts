import type { CommandIo } from './logs/command';
import { commands } from './logs/commands';

/** `npx tsx tools/logs-cli.ts <command> [options]`: dispatches to the command modules in tools/logs. */
export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (!command) {
    io.stderr(`usage: logs <command> [options]\ncommands: ${Object.keys(commands).join(', ')}\n`);
    return 2;
  }
  return command(args, io);
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
