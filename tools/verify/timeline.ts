import type { CapturedRecord, FunctionRole, InvocationPlan } from './protocol';

/** One log event as CloudWatch Logs would hold it: group, simulated time, the raw line. */
export interface TimelineEvent {
  readonly logGroupName: string;
  readonly timestampMs: number;
  readonly line: string;
  readonly scenario: string;
  readonly benign: boolean;
  readonly block: number;
  /** The catalog event (`message`), for reports. */
  readonly event: string;
}

/** Simulated time starts on an hour boundary, so 1- and 5-minute periods line up with scenario blocks. */
export const simulationStartMs = Date.UTC(2026, 0, 1, 0, 0, 0);

const eventName = (line: string): string => {
  try {
    const message = (JSON.parse(line) as { message?: unknown }).message;
    return typeof message === 'string' ? message : '(no message)';
  } catch {
    return '(not JSON)';
  }
};

/**
 * Places each captured record at its invocation's simulated time, in the log group of the function that
 * wrote it. Records of one invocation keep their order 1 ms apart (an invocation is far shorter than a period).
 */
export const buildTimeline = (
  plans: readonly InvocationPlan[],
  records: readonly CapturedRecord[],
  logGroupOf: Readonly<Record<FunctionRole, string>>,
  scenarioInfo: ReadonlyMap<string, { benign: boolean; block: number }>,
): TimelineEvent[] => {
  const byId = new Map(plans.map((plan) => [plan.id, plan]));
  const order = new Map<number, number>();
  const events: TimelineEvent[] = [];
  for (const record of records) {
    const plan = byId.get(record.invocationId);
    if (!plan) continue; // written before the first invocation (module init): no simulated time of its own
    const index = order.get(plan.id) ?? 0;
    order.set(plan.id, index + 1);
    const info = scenarioInfo.get(plan.scenario)!;
    events.push({
      logGroupName: logGroupOf[plan.role],
      timestampMs: simulationStartMs + plan.atMs + index,
      line: record.line,
      scenario: plan.scenario,
      benign: info.benign,
      block: info.block,
      event: eventName(record.line),
    });
  }
  return events.sort((a, b) => a.timestampMs - b.timestampMs);
};
