import { invokeErrorRecord, platformReport, platformStart, writesPlatformRecords } from '../monitoring';
import type { CapturedRecord, FunctionRole, InvocationOutcome, InvocationPlan } from './protocol';

/** One log event as CloudWatch Logs would hold it: group, simulated time, the raw line. */
export interface TimelineEvent {
  readonly logGroupName: string;
  readonly timestampMs: number;
  readonly line: string;
  readonly scenario: string;
  readonly benign: boolean;
  readonly block: number;
  /** The catalog event (`message`), or Lambda's record type, for reports. */
  readonly event: string;
}

/** What the timeline needs of each function: where its records go and how Lambda logs for it. */
export interface TimelineFunction {
  readonly logGroupName: string;
  readonly logFormat?: string;
  readonly systemLogLevel?: string;
  readonly memoryMb: number;
  readonly timeoutMs: number;
}

/** Simulated time starts on an hour boundary, so 1- and 5-minute periods line up with scenario blocks. */
export const simulationStartMs = Date.UTC(2026, 0, 1, 0, 0, 0);

const eventName = (line: string): string => {
  try {
    const record = JSON.parse(line) as { message?: unknown; type?: unknown };
    if (typeof record.message === 'string') return record.message;
    return typeof record.type === 'string' ? record.type : '(no message)';
  } catch {
    return '(not JSON)';
  }
};

/** How Lambda saw the invocation end: the handler's error is an error, running past the deadline a timeout. */
const statusOf = (outcome: InvocationOutcome): 'success' | 'error' | 'timeout' =>
  outcome.error === 'Killed' ? 'timeout' : outcome.error ? 'error' : 'success';

/**
 * Places each invocation's lines at its simulated time, in the log group of its function: Lambda's
 * platform.start, the records the layer wrote (1 ms apart, in order), the runtime's record of an error that
 * escaped the handler, and platform.report at the end. A throttled invocation never ran and writes nothing.
 */
export const buildTimeline = (
  plans: readonly InvocationPlan[],
  records: readonly CapturedRecord[],
  outcomes: readonly InvocationOutcome[],
  functions: Readonly<Record<FunctionRole, TimelineFunction>>,
  scenarioInfo: ReadonlyMap<string, { benign: boolean; block: number }>,
): TimelineEvent[] => {
  const linesOf = new Map<number, string[]>();
  for (const record of records) {
    // a line written before the first invocation (module init) has no simulated time of its own
    if (record.invocationId >= 0)
      linesOf.set(record.invocationId, [...(linesOf.get(record.invocationId) ?? []), record.line]);
  }
  const outcomeOf = new Map(outcomes.map((outcome) => [outcome.invocationId, outcome]));
  const events: TimelineEvent[] = [];
  for (const plan of plans) {
    const outcome = outcomeOf.get(plan.id);
    if (!outcome || outcome.throttled) continue;
    const fn = functions[plan.role];
    const info = scenarioInfo.get(plan.scenario)!;
    const startMs = simulationStartMs + plan.atMs;
    const requestId = outcome.requestId ?? String(plan.id);
    const lines = [...(linesOf.get(plan.id) ?? [])];
    if (outcome.error && outcome.error !== 'Killed')
      lines.push(
        JSON.stringify(invokeErrorRecord(requestId, startMs, outcome.error, outcome.errorMessage ?? '')),
      );
    const push = (line: string, timestampMs: number): void => {
      events.push({
        logGroupName: fn.logGroupName,
        timestampMs,
        line,
        scenario: plan.scenario,
        benign: info.benign,
        block: info.block,
        event: eventName(line),
      });
    };
    const platform = writesPlatformRecords(fn);
    if (platform) push(JSON.stringify(platformStart(requestId, startMs)), startMs);
    for (const [index, line] of lines.entries()) push(line, startMs + 1 + index);
    if (platform) {
      const status = statusOf(outcome);
      const durationMs = status === 'timeout' ? fn.timeoutMs : outcome.wallMs;
      const endMs = startMs + Math.max(Math.ceil(durationMs), lines.length + 1);
      push(
        JSON.stringify(
          platformReport({ requestId, timeMs: endMs, durationMs, memorySizeMB: fn.memoryMb, status }),
        ),
        endMs,
      );
    }
  }
  return events.sort((a, b) => a.timestampMs - b.timestampMs);
};
