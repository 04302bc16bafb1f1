import { type ModelContext, resourcesOfType } from './context';
import { referencedLogicalIds } from './intrinsics';
import type { ScheduleModel } from './types';

const unitMs: Readonly<Record<string, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** `rate(5 minutes)` → 300000; undefined for cron expressions (not run locally) and anything else. */
export const rateIntervalMs = (expression: string): number | undefined => {
  const match = /^rate\(\s*(\d+)\s+(minute|hour|day)s?\s*\)$/.exec(expression.trim());
  return match ? Number(match[1]) * unitMs[match[2]] : undefined;
};

/** EventBridge schedule rules and the functions they invoke (targets that are this stack's functions). */
export const extractSchedules = (context: ModelContext): ScheduleModel[] =>
  resourcesOfType(context, 'AWS::Events::Rule')
    .filter(({ props }) => props.ScheduleExpression !== undefined)
    .map(({ logicalId, props }) => {
      const expression = String(context.resolve(props.ScheduleExpression));
      const targets = (props.Targets as { Arn?: unknown }[] | undefined) ?? [];
      return {
        logicalId,
        expression,
        intervalMs: rateIntervalMs(expression),
        enabled: (props.State ?? 'ENABLED') === 'ENABLED',
        functionLogicalIds: targets.flatMap((target) =>
          referencedLogicalIds(target.Arn).filter(
            (id) => context.template.Resources[id]?.Type === 'AWS::Lambda::Function',
          ),
        ),
      };
    });
