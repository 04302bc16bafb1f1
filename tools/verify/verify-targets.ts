import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FunctionModel, RouteModel, StackModel } from '../cloud-assembly';
import type { FunctionRole } from './protocol';

/** One function verify runs: found in the stack model, its source from the `cream:entry` metadata. */
export interface VerifyTarget {
  /** The function's `service` (POWERTOOLS_SERVICE_NAME), else its logical id: how plans and plug-ins name it. */
  readonly role: FunctionRole;
  readonly fn: FunctionModel;
  /** Absolute path of the handler source verify bundles. */
  readonly source: string;
  /** Its HTTP API routes (none for a function only a schedule invokes). */
  readonly routes: readonly RouteModel[];
  /** How often a schedule rule invokes it directly (the shortest enabled `rate(...)`), if one does. */
  readonly scheduleEveryMs?: number;
  readonly timeoutMs: number;
}

/**
 * Every function the stack's traffic reaches: behind an HTTP API route, or the target of an enabled schedule
 * (the health probe). Functions nothing invokes from outside (custom resources) are not verify's to run. A
 * reached function without `cream:entry` metadata is an error: verify runs handlers from source, and only
 * LoggedFunction records where the source is.
 */
export const verifyTargets = (model: StackModel, appDir: string): VerifyTarget[] => {
  const targets = model.functions.flatMap((fn): VerifyTarget[] => {
    const routes = model.routes.filter((route) => route.functionLogicalId === fn.logicalId);
    const intervals = model.schedules
      .filter((schedule) => schedule.enabled && schedule.functionLogicalIds.includes(fn.logicalId))
      .flatMap((schedule) => (schedule.intervalMs === undefined ? [] : [schedule.intervalMs]));
    if (routes.length === 0 && intervals.length === 0) return [];
    const reachedBy = [...routes.map((route) => route.routeKey), ...(intervals.length ? ['a schedule'] : [])];
    if (!fn.sourceEntry)
      throw new Error(
        `function ${fn.logicalId} (${reachedBy.join(', ')}) has no 'cream:entry' metadata, so logs verify cannot find its handler source: build it with LoggedFunction, or add Metadata { "cream:entry": "<entry relative to the app directory>" } to its AWS::Lambda::Function`,
      );
    const source = path.resolve(appDir, fn.sourceEntry);
    if (!existsSync(source))
      throw new Error(
        `function ${fn.logicalId}: its 'cream:entry' ${fn.sourceEntry} does not exist under ${appDir}`,
      );
    return [
      {
        role: fn.environment.POWERTOOLS_SERVICE_NAME ?? fn.logicalId,
        fn,
        source,
        routes,
        scheduleEveryMs: intervals.length ? Math.min(...intervals) : undefined,
        timeoutMs: fn.timeoutSeconds * 1000,
      },
    ];
  });
  const roles = targets.map((target) => target.role);
  const twice = roles.find((role, index) => roles.indexOf(role) !== index);
  if (twice)
    throw new Error(`two functions share the service name ${twice}: verify tells functions apart by it`);
  if (targets.length === 0)
    throw new Error(`stack ${model.stackName} has no function behind a route or schedule`);
  return targets;
};
