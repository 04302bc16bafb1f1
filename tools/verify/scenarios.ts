import type { PipelineFault } from '../monitoring';
import { genericScenarios } from './generic-scenarios';
import { pluginFor } from './plugins';
import type { Fault, InvocationPlan } from './protocol';
import { minuteMs, type PlannedCall, repeat, spread } from './scenario-requests';
import type { ScenarioSizing } from './scenario-sizing';
import type { VerifyTarget } from './verify-targets';

/** One story told to the real handlers; `benign` ones must leave every alarm out of ALARM. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly benign: boolean;
  /** Scenarios of one block share simulated time (benign traffic mixes every function's requests). */
  readonly block: number;
  readonly invocations: readonly PlannedCall[];
  /** Offsets inside the block, one per invocation. */
  readonly offsetsMs: readonly number[];
  /**
   * Scheduled functions (the health probe) keep running in every block, as EventBridge keeps invoking them,
   * with these faults; `stopped` in any scenario of a block means no scheduled run in it. @default []
   */
  readonly probe?: readonly Fault[] | 'stopped';
  /** A fault of the archive pipeline (Firehose, S3) for the whole block. @default none */
  readonly pipeline?: PipelineFault;
}

/** A scenario before it has a block: those with the same `shareBlock` share one, the others get their own. */
export type ScenarioDraft = Omit<Scenario, 'block'> & { readonly shareBlock?: string };

/** Blocks are an hour apart: longer than any alarm's evaluation range, so scenarios never see each other. */
export const blockMs = 60 * minuteMs;

/** Blocks in order of first appearance; drafts sharing a key share the block of the first of them. */
const assignBlocks = (drafts: readonly ScenarioDraft[]): Scenario[] => {
  const shared = new Map<string, number>();
  let next = 0;
  return drafts.map(({ shareBlock, ...draft }) => {
    let block = shareBlock === undefined ? undefined : shared.get(shareBlock);
    if (block === undefined) {
      block = next++;
      if (shareBlock !== undefined) shared.set(shareBlock, block);
    }
    return { ...draft, block };
  });
};

/**
 * The scenarios: every function's generic ones (ordinary traffic from its routes, then the faults verify
 * injects from outside its code), and the plug-in scenarios of the functions verify knows more about (login,
 * health), each sized from the stack's alarms (see `sizeScenarios`). Benign traffic of every function shares
 * the first block; blocks run in order and an alarm is credited to the first block that fires it.
 */
export const buildScenarios = (sizing: ScenarioSizing, targets: readonly VerifyTarget[]): Scenario[] => {
  const generic = targets.map((target) =>
    genericScenarios(
      target,
      sizing.functions[target.role],
      pluginFor(target.role)?.ordinaryRequests?.(target),
    ),
  );
  const plugins = targets.flatMap((target) => pluginFor(target.role)?.scenarios(sizing, target) ?? []);
  const drafts = [
    ...generic.map((scenarios) => scenarios.benign),
    ...plugins,
    ...generic.flatMap((scenarios) => scenarios.faults),
  ];
  return withScheduledRuns(assignBlocks(drafts), targets);
};

/**
 * Adds each scheduled function's runs to the first scenario of each block (every interval from the block's
 * start), with the faults the block's scenarios give them, unless one of them stopped the schedule.
 */
const withScheduledRuns = (scenarios: Scenario[], targets: readonly VerifyTarget[]): Scenario[] =>
  scenarios.map((scenario) => {
    const block = scenarios.filter((other) => other.block === scenario.block);
    if (block[0] !== scenario || block.some((other) => other.probe === 'stopped')) return scenario;
    const faults = [...new Set(block.flatMap((other) => (Array.isArray(other.probe) ? other.probe : [])))];
    const runs = targets.flatMap((target) => {
      const everyMs = target.scheduleEveryMs;
      if (everyMs === undefined) return [];
      const count = Math.floor(blockMs / everyMs);
      const request = {
        method: 'GET',
        path: target.routes[0]?.path ?? '/',
        headers: {},
        sourceIp: '192.0.2.10',
      };
      const run: PlannedCall = { role: target.role, request, faults, trigger: 'schedule' };
      return [{ everyMs, calls: repeat(count, run), offsets: spread(count, 0, everyMs) }];
    });
    if (runs.length === 0) return scenario;
    const every = [...new Set(runs.map((run) => run.everyMs / minuteMs))].join('/');
    return {
      ...scenario,
      description: `${scenario.description} (+ the scheduled probe every ${every} min)`,
      invocations: [...scenario.invocations, ...runs.flatMap((run) => run.calls)],
      offsetsMs: [...scenario.offsetsMs, ...runs.flatMap((run) => run.offsets)],
    };
  });

/**
 * Every invocation with its id and simulated time, in time order; one without a remaining time of its own
 * starts with its function's whole timeout.
 */
export const planInvocations = (
  list: readonly Scenario[],
  timeoutMsOf: (role: string) => number,
): InvocationPlan[] => {
  let id = 0;
  return list
    .flatMap((scenario) =>
      scenario.invocations.map((invocation, index) => ({
        ...invocation,
        remainingMs: invocation.remainingMs ?? timeoutMsOf(invocation.role),
        scenario: scenario.name,
        atMs: scenario.block * blockMs + scenario.offsetsMs[index],
      })),
    )
    .sort((a, b) => a.atMs - b.atMs)
    .map((plan) => ({ ...plan, id: id++ }));
};
