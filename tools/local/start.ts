/**
 * `npm start`: the synthesized stack running locally (HTTP API, functions, DynamoDB, Secrets Manager,
 * CloudWatch Logs and alarms), no AWS and no Docker. See tools/local/local-stack.ts for the parts.
 */
import net from 'node:net';
import type { AlarmStateChange } from '../monitoring';
import type { RequestSummary } from './api-server';
import { formatBanner } from './banner';
import { colorsWanted, formatRecord } from './console-view';
import { type RunningStack, startLocalStack } from './local-stack';
import type { LogRecord } from './log-records';
import { parseOptions, type StartOptions, UsageError } from './options';

const write = (text: string) => process.stdout.write(`${text}\n`);
const fail = (text: string) => process.stderr.write(`${text}\n`);

/** Fails fast (before a synth that takes seconds) when the port is taken, with the one fix that helps. */
const ensurePortFree = (port: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new UsageError(
              `Port ${port} is already in use. Stop what is using it, or run: npm start -- --port ${port + 1}`,
            )
          : error,
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });

const consoleEvents = (options: StartOptions) => {
  const colors = colorsWanted(process.stdout, process.env);
  return {
    onStep: (message: string) => write(`[cream] ${message}`),
    onRecord: (record: LogRecord) => write(options.json ? record.line : formatRecord(record, colors)),
    onAlarmChange: (change: AlarmStateChange) =>
      write(
        options.json
          ? JSON.stringify({ type: 'alarm_state_change', ...change })
          : `[alarm] ${change.state} ${change.alarmName}: ${change.reason} (was ${change.previous})`,
      ),
    onRequest: (summary: RequestSummary) => {
      const outcome = summary.invocation?.outcome;
      // Records already tell a normal request's story; only say what no record shows.
      if (outcome?.kind === 'crash')
        write(`[cream] ${summary.functionName} crashed: ${outcome.error.errorMessage}`);
      if (outcome?.kind === 'timeout')
        write(`[cream] ${summary.functionName} timed out; its instance was stopped (503)`);
    },
  };
};

const main = async (): Promise<void> => {
  let options: StartOptions;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
    await ensurePortFree(options.port);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  let running: RunningStack | undefined;
  let stopping = false;
  const shutdown = async (reason: string, exitCode = 0) => {
    if (stopping) {
      fail(`[cream] ${reason} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    write(`\n[cream] ${reason}: stopping`);
    await running?.stop();
    write('[cream] stopped');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // A bug in a local server must not leave workers and the state lock behind: stop everything, then fail.
  process.on('uncaughtException', (error) => {
    fail(`[cream] unexpected error: ${error.stack ?? error.message}`);
    void shutdown('error', 1);
  });

  try {
    running = await startLocalStack(options, consoleEvents(options));
  } catch (error) {
    fail(`[cream] could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (stopping) return;
  if (!running.user) write('[cream] no users table in the stack: no demo user');
  write(
    formatBanner({
      url: running.url,
      stackName: running.stackName,
      routes: running.routeKeys,
      user: running.user ?? { email: '(none)', password: '(none)', created: false },
      home: options.home,
      alarmCount: running.alarmCount,
      filterCount: running.filterCount,
    }),
  );
};

void main();
