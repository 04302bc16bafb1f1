/**
 * `npm start`: the synthesized stack running locally (HTTP API, functions, DynamoDB, Secrets Manager,
 * CloudWatch Logs and alarms), no AWS and no Docker. See tools/local/local-stack.ts for the parts and
 * tools/local/local-session.ts for the lifecycle (state file, watch and reload).
 */
import net from 'node:net';
import { ExitCode } from '../cli/parse';
import { consoleOutput } from './console-output';
import { LocalSession } from './local-session';
import { parseOptions } from './options';
import { onStopRequest } from './stop-signals';

/** A stop that takes longer than this is stuck (a hung close): exit anyway, the exit hooks kill workers. */
const StopDeadlineMs = 15_000;

const fail = (text: string) => process.stderr.write(`${text}\n`);

/** Fails fast (before a synth that takes seconds) when the port is taken, with the one fix that helps. */
const ensurePortFree = (port: number): Promise<string | undefined> =>
  new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE'
        ? resolve(
            `Port ${port} is already in use. Stop what is using it, or run: npm start -- --port ${port + 1}`,
          )
        : reject(error),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(undefined)));
  });

const main = async (): Promise<void> => {
  const options = parseOptions(process.argv.slice(2), process.env, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
  if (typeof options === 'number') {
    process.exitCode = options;
    return;
  }
  const busy = await ensurePortFree(options.port);
  if (busy) {
    fail(busy);
    process.exitCode = ExitCode.failure;
    return;
  }
  const output = consoleOutput(options.json, process);
  const session = new LocalSession(options, output);
  let stopping = false;
  const stop = async (reason: string, exitCode: number = ExitCode.ok) => {
    stopping = true;
    output.message(`\n[cream] ${reason}: stopping`);
    setTimeout(() => force(`still stopping after ${StopDeadlineMs / 1000} s`), StopDeadlineMs).unref();
    await session.stop();
    output.message('[cream] stopped');
    process.exit(exitCode);
  };
  const force = (reason: string) => {
    fail(`[cream] ${reason}: exiting without waiting`);
    process.exit(ExitCode.failure);
  };
  onStopRequest({ stop: (reason) => void stop(reason), force });
  // A bug in a local server must not leave workers and the state lock behind: stop everything, then fail.
  process.on('uncaughtException', (error) => {
    fail(`[cream] unexpected error: ${error.stack ?? error.message}`);
    if (stopping) force('error while stopping');
    else void stop('error', ExitCode.failure);
  });

  try {
    await session.start();
  } catch (error) {
    // A stop requested during the start ends it on purpose; stop() reports and exits.
    if (stopping) return;
    fail(`[cream] could not start: ${error instanceof Error ? error.message : String(error)}`);
    await session.stop();
    process.exit(ExitCode.failure);
  }
};

void main();
