import type { AlarmStateChange } from '../monitoring';
import type { RequestSummary } from './api-server';
import { formatAlarmChange, formatRecord } from './console-view';
import type { LocalStackEvents } from './local-stack';
import type { LogRecord } from './log-records';
import { InvocationOrder } from './record-order';
import { painterFor, terminalSafe } from './terminal-text';

export interface ConsoleStreams {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export interface ConsoleOutput extends LocalStackEvents {
  /** Banner, progress and warnings: stdout for a person, stderr with `--json` so stdout stays JSON. */
  readonly message: (text: string) => void;
  /** Lets records without `service` show the function's service name (known once the stack is loaded). */
  setServiceNames(names: ReadonlyMap<string, string>): void;
  /** Releases records still held (shutdown). */
  flush(): void;
}

/**
 * What `npm start` prints. Readable mode: one colored line per record in time order, steps and alarms
 * between them. `--json`: stdout carries only JSON lines, each record exactly as stored, plus one
 * `{"type":"alarm_state_change",...}` line per alarm transition (an event a script waiting for ALARM needs
 * in the same stream, typed as Lambda's platform records are); everything meant for a person, alarms
 * included as text, goes to stderr. So `npm start --silent -- --json | jq` always parses.
 */
export const consoleOutput = (json: boolean, streams: ConsoleStreams): ConsoleOutput => {
  const human = json ? streams.stderr : streams.stdout;
  const paint = painterFor(human);
  const say = (text: string) => human.write(`${text}\n`);
  let serviceNames: ReadonlyMap<string, string> = new Map();
  const view = { paint, serviceOf: (functionName: string) => serviceNames.get(functionName) };
  const order = new InvocationOrder((entry) => say(formatRecord(entry, view)));
  return {
    message: say,
    onStep: (text) => say(`[cream] ${text}`),
    onRecord: (entry: LogRecord) => (json ? streams.stdout.write(`${entry.line}\n`) : order.add(entry)),
    onAlarmChange: (change: AlarmStateChange) => {
      if (json) {
        const { timestampMs, ...rest } = change;
        const event = { type: 'alarm_state_change', time: new Date(timestampMs).toISOString(), ...rest };
        streams.stdout.write(`${JSON.stringify(event)}\n`);
      }
      say(formatAlarmChange(change, paint));
    },
    onRequest: (summary: RequestSummary) => {
      const invocation = summary.invocation;
      if (invocation) order.end(invocation.requestId);
      // The access log record (keyed by API Gateway's request id) was delivered just before this.
      order.end(summary.access.requestId);
      const outcome = invocation?.outcome;
      const name = terminalSafe(view.serviceOf(summary.functionName ?? '') ?? summary.functionName ?? '');
      // Records already tell a normal request's story; only say what no record shows.
      if (outcome?.kind === 'crash')
        say(`[cream] ${name} crashed: ${terminalSafe(outcome.error.errorMessage)}`);
      if (outcome?.kind === 'timeout') say(`[cream] ${name} timed out; its instance was stopped (503)`);
    },
    setServiceNames: (names) => {
      serviceNames = names;
    },
    flush: () => order.flush(),
  };
};
