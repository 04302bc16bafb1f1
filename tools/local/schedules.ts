import { randomUUID } from 'node:crypto';
import type { PseudoParameters, ScheduleModel } from '../cloud-assembly';
import type { FunctionHost } from './function-host';

/** What an EventBridge schedule rule delivers to a Lambda target. */
export const scheduledEvent = (pseudo: PseudoParameters, ruleArn: string, now: number) => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: pseudo.accountId,
  time: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  region: pseudo.region,
  resources: [ruleArn],
  detail: {},
});

export interface RunningSchedules {
  stop(): void;
}

/**
 * The stack's `rate(...)` rules, run as EventBridge would: each enabled rule invokes its functions every
 * interval. Every rule runs once right away, so alarms fed by a scheduled probe (missing data breaching) have a
 * datapoint from the first evaluation on, instead of paging for the first interval. Cron rules are not run.
 */
export const startSchedules = async (
  schedules: readonly ScheduleModel[],
  functionNames: ReadonlyMap<string, string>,
  host: FunctionHost,
  pseudo: PseudoParameters,
): Promise<RunningSchedules> => {
  const timers: NodeJS.Timeout[] = [];
  const runnable = schedules.filter((rule) => rule.enabled && rule.intervalMs !== undefined);
  const fire = async (rule: ScheduleModel) => {
    const ruleArn = `arn:aws:events:${pseudo.region}:${pseudo.accountId}:rule/${rule.logicalId}`;
    for (const id of rule.functionLogicalIds) {
      const name = functionNames.get(id);
      // A failed target invocation is the function's own record, not a reason to stop the schedule.
      if (name) await host.invoke(name, scheduledEvent(pseudo, ruleArn, Date.now())).catch(() => undefined);
    }
  };
  await Promise.all(runnable.map(fire));
  for (const rule of runnable) {
    const timer = setInterval(() => void fire(rule), rule.intervalMs);
    timer.unref();
    timers.push(timer);
  }
  return { stop: () => timers.forEach(clearInterval) };
};
