import type { Fault, FunctionRole, HttpRequest, InvocationPlan } from './protocol';

/** The timing helpers the scenarios are written with, and one planned call. */

export const minuteMs = 60_000;

/** `90000` → `1.5 min`, for scenario descriptions. */
export const minutes = (ms: number): string => `${Math.round((ms / minuteMs) * 10) / 10} min`;

/** A call before planning: `remainingMs` defaults to the function's whole timeout (a fresh invocation). */
export type PlannedCall = Omit<InvocationPlan, 'id' | 'scenario' | 'atMs' | 'remainingMs'> & {
  readonly remainingMs?: number;
};

export const call = (
  role: FunctionRole,
  request: HttpRequest,
  faults: Fault[] = [],
  remainingMs?: number,
): PlannedCall => ({ role, request, faults, ...(remainingMs === undefined ? {} : { remainingMs }) });

/** `count` offsets spread evenly from `fromMs`, `stepMs` apart. */
export const spread = (count: number, fromMs: number, stepMs: number): number[] =>
  Array.from({ length: count }, (_, i) => fromMs + i * stepMs);

/**
 * `count` offsets inside the aligned period `[periodIndex * periodMs, (periodIndex + 1) * periodMs)`: from a
 * lead-in (a minute, or a fifth of a short period) at most `maxStepMs` apart, so all land in that one period.
 */
export const withinPeriod = (count: number, periodMs: number, periodIndex = 0, maxStepMs = 10_000) => {
  const lead = Math.min(minuteMs, Math.floor(periodMs / 5));
  const step = Math.min(maxStepMs, Math.floor((periodMs - lead) / Math.max(count, 1)));
  return spread(count, periodIndex * periodMs + lead, step);
};

export const repeat = <T>(count: number, item: T): T[] => Array.from({ length: count }, () => item);
