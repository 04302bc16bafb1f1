import {
  apiGatewayDatapoints,
  dynamoDbDatapoints,
  type InvocationOutcome as LambdaOutcome,
  lambdaDatapoints,
  type MetricDatum,
} from '../monitoring';
import type { FunctionRole, InvocationOutcome, InvocationPlan } from './protocol';
import { simulationStartMs } from './timeline';

/** Modelled API Gateway overhead on top of the integration (routing, auth, mapping): a few milliseconds. */
const gatewayOverheadMs = 5;

export interface PlatformContext {
  readonly functions: Readonly<
    Record<FunctionRole, { readonly functionName: string; readonly timeoutMs: number }>
  >;
  readonly apiId: string;
  readonly stage: string;
}

const lambdaOutcome = (outcome: InvocationOutcome): LambdaOutcome =>
  outcome.throttled
    ? 'throttled'
    : outcome.error === 'Killed'
      ? 'timeout'
      : outcome.error
        ? 'error'
        : 'success';

/**
 * What API Gateway answers for an invocation: the function's status; 500 when the handler threw or Lambda
 * refused to run it (a throttle); 503 when Lambda killed it at its timeout (the local runtime answers the same).
 */
const apiStatus = (outcome: InvocationOutcome): number =>
  outcome.statusCode ?? (outcome.error === 'Killed' ? 503 : 500);

/**
 * The AWS/Lambda, AWS/ApiGateway and AWS/DynamoDB datapoints of the simulated invocations: every invocation is a
 * Lambda invocation (or a throttle), every HTTP one also an API request through its route, and every DynamoDB
 * call the fakes answered a request the table counts. Modelled, not measured: verify sees one attempt per SDK
 * call (the mock stands in front of the SDK's retries), where DynamoDB would count each retry too.
 */
export const platformData = (
  plans: readonly InvocationPlan[],
  outcomes: readonly InvocationOutcome[],
  context: PlatformContext,
): MetricDatum[] => {
  const outcomeOf = new Map(outcomes.map((outcome) => [outcome.invocationId, outcome]));
  return plans.flatMap((plan) => {
    const outcome = outcomeOf.get(plan.id);
    if (!outcome) return [];
    const fn = context.functions[plan.role];
    const timestampMs = simulationStartMs + plan.atMs;
    const status = lambdaOutcome(outcome);
    const durationMs = status === 'timeout' ? fn.timeoutMs : outcome.wallMs;
    const data = lambdaDatapoints({
      functionName: fn.functionName,
      timestampMs,
      durationMs,
      outcome: status,
    });
    if (plan.trigger !== 'schedule') {
      data.push(
        ...apiGatewayDatapoints({
          apiId: context.apiId,
          stage: context.stage,
          timestampMs,
          status: apiStatus(outcome),
          latencyMs: (outcome.throttled ? 0 : durationMs) + gatewayOverheadMs,
          integrationLatencyMs: outcome.throttled ? undefined : durationMs,
        }),
      );
    }
    for (const call of outcome.dynamoCalls)
      data.push(...dynamoDbDatapoints({ ...call, timestampMs: timestampMs + call.atMs }));
    return data;
  });
};
