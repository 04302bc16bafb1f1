import { recordKeys } from '../../layer/src/event-catalog';
import type { StackModel } from '../cloud-assembly';
import { type AccessLogContext, accessLogDestination, formatAccessLog } from '../local/access-log';
import { clfTime } from '../local/http-event';
import type { CapturedRecord, InvocationOutcome, InvocationPlan } from './protocol';
import { simulationStartMs } from './timeline';

/** One access log line of a scenario request, at the simulated time its response was sent. */
export interface AccessLogLine {
  readonly logGroupName: string;
  readonly invocationId: number;
  readonly timestampMs: number;
  readonly line: string;
}

/** The request id API Gateway gave the request: the correlation id its records carry (no header sets another). */
const requestIdOf = (records: readonly CapturedRecord[]): string | undefined => {
  for (const { line } of records) {
    try {
      const id = (JSON.parse(line) as Record<string, unknown>)[recordKeys.correlationId];
      if (typeof id === 'string') return id;
    } catch {}
  }
  return undefined;
};

/** Middy gave up at the deadline (TimeoutError), or Lambda ended the invocation there (Killed). */
const timedOut = (outcome: InvocationOutcome | undefined): boolean =>
  outcome?.error === 'TimeoutError' || outcome?.error === 'Killed';

/** What the HTTP API answers: the function's status, 503 for a timeout, 500 for a function error. */
const statusOf = (outcome: InvocationOutcome | undefined): number =>
  outcome?.statusCode ?? (timedOut(outcome) ? 503 : 500);

/**
 * The access log lines the stage would write for verify's requests, in the stage's own format from the
 * template (the same formatting `npm start` uses): verify runs the handlers, not API Gateway, so its timeline
 * has no access log of its own, and a saved query that reads the access log needs these lines to be proven.
 * Empty when the stack logs no access.
 */
export const accessLogLines = (
  model: StackModel,
  plans: readonly InvocationPlan[],
  records: readonly CapturedRecord[],
  outcomes: readonly InvocationOutcome[],
): AccessLogLine[] => {
  const destination = accessLogDestination(model);
  if (!destination) return [];
  return plans.map((plan) => {
    const own = records.filter((record) => record.invocationId === plan.id);
    const outcome = outcomes.find((candidate) => candidate.invocationId === plan.id);
    const requestTimeEpoch = simulationStartMs + plan.atMs;
    const latency = Math.round(outcome?.wallMs ?? 0);
    const context: AccessLogContext = {
      requestId: requestIdOf(own) ?? `verify-${plan.id}`,
      sourceIp: plan.request.sourceIp,
      userAgent: plan.request.headers['user-agent'] ?? 'cream-verify/1.0',
      requestTimeEpoch,
      requestTime: clfTime(requestTimeEpoch),
      httpMethod: plan.request.method,
      routeKey: plan.request.routeKey ?? `${plan.request.method} ${plan.request.path}`,
      path: plan.request.path,
      protocol: 'HTTP/1.1',
      status: statusOf(outcome),
      responseLength: 0,
      responseLatency: latency,
      integrationLatency: latency,
      integrationStatus: timedOut(outcome) ? undefined : 200,
      integrationErrorMessage: timedOut(outcome)
        ? 'Network error communicating with endpoint'
        : outcome?.error
          ? `The Lambda function returned the following error: ${outcome.error}`
          : undefined,
    };
    return {
      logGroupName: destination.logGroupName,
      invocationId: plan.id,
      timestampMs: requestTimeEpoch + latency,
      line: formatAccessLog(destination.format, context),
    };
  });
};
