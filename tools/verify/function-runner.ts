/**
 * Child process of `logs verify`: runs ONE function's real handler (its own module registry and environment,
 * as one Lambda execution environment would) through the planned invocations, one at a time, and sends back
 * every record line the layer wrote. The handler comes pre-bundled from its source (see bundle-handler.ts);
 * this file runs under `--import tsx`.
 */

import { format } from 'node:util';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
  ScheduledEvent,
} from 'aws-lambda';
import { hashPassword } from '../../functions/login/password-hash';
import { installAwsFakes } from './aws-fakes';
import { httpApiEvent, lambdaContext, scheduledEvent } from './lambda-events';
import type {
  CapturedRecord,
  InvocationOutcome,
  InvocationPlan,
  RunnerInput,
  RunnerOutput,
} from './protocol';
import { verifyScryptParameters } from './scenario-requests';
import { installVirtualClock } from './virtual-clock';

type Handler = (
  event: APIGatewayProxyEventV2 | ScheduledEvent,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** How long after its deadline an invocation is abandoned: Lambda would have killed the environment. */
const killGraceMs = 500;

/**
 * With the JSON log format, Lambda's runtime turns each console call into a record with its level and the
 * request id; the layer does not print through the console, so this only catches other code's output.
 */
const captureConsole = (push: (line: string) => void, requestId: () => string | undefined): void => {
  const levels = { debug: 'DEBUG', info: 'INFO', log: 'INFO', warn: 'WARN', error: 'ERROR' } as const;
  for (const [method, level] of Object.entries(levels)) {
    Object.assign(console, {
      [method]: (...args: unknown[]) =>
        push(
          JSON.stringify({
            timestamp: new Date().toISOString(),
            level,
            requestId: requestId(),
            message: format(...args),
          }),
        ),
    });
  }
};

const withDeadline = <T>(promise: Promise<T>, ms: number): Promise<T | 'killed'> =>
  Promise.race([
    promise,
    new Promise<'killed'>((resolve) => setTimeout(() => resolve('killed'), ms).unref()),
  ]);

const run = async (input: RunnerInput): Promise<RunnerOutput> => {
  // The login function's own hashing code; cheap parameters for the demo user (see verifyScryptParameters).
  const hashes = new Map<string, string>();
  for (const user of input.fixtures.users)
    hashes.set(user.email, await hashPassword(user.password, verifyScryptParameters));
  const fakes = installAwsFakes(input.fixtures, hashes, installVirtualClock());

  const records: CapturedRecord[] = [];
  const outcomes: InvocationOutcome[] = [];
  let current = -1;
  const requestIds = new Map<number, string>();
  // The bundle carries the handler and its own copy of the layer: capture through that copy's sink.
  const bundle = require(input.bundle) as {
    handler: Handler;
    setLogSink: (sink?: (line: string) => void) => void;
  };
  const { handler } = bundle;
  bundle.setLogSink((line) => records.push({ invocationId: current, line }));
  captureConsole(
    (line) => records.push({ invocationId: current, line }),
    () => requestIds.get(current),
  );

  for (const plan of input.invocations) {
    current = plan.id;
    const outcome = await invoke(plan, input, handler, fakes, (requestId) =>
      requestIds.set(plan.id, requestId),
    );
    outcomes.push(outcome);
  }
  bundle.setLogSink(undefined);
  return { type: 'done', records, outcomes };
};

const invoke = async (
  plan: InvocationPlan,
  input: RunnerInput,
  handler: Handler,
  fakes: ReturnType<typeof installAwsFakes>,
  onRequestId: (requestId: string) => void,
): Promise<InvocationOutcome> => {
  const started = Date.now();
  fakes.startInvocation(plan, started);
  if (plan.faults.includes('lambda-throttled'))
    return { invocationId: plan.id, throttled: true, wallMs: 0, dynamoCalls: [] };
  // A deployment mistake: the variable the stack should have set is absent for this invocation.
  const removed = plan.faults.includes('missing-table-config') ? process.env.USERS_TABLE_NAME : undefined;
  if (removed !== undefined) delete process.env.USERS_TABLE_NAME;
  const context = lambdaContext({ ...input, remainingMs: plan.remainingMs });
  onRequestId(context.awsRequestId);
  const ended = (fields: Partial<InvocationOutcome>): InvocationOutcome => ({
    invocationId: plan.id,
    requestId: context.awsRequestId,
    wallMs: Date.now() - started,
    dynamoCalls: fakes.dynamoCalls(),
    ...fields,
  });
  try {
    const result = await withDeadline(
      handler(plan.trigger === 'schedule' ? scheduledEvent() : httpApiEvent(plan.request), context),
      plan.remainingMs + killGraceMs,
    );
    return result === 'killed' ? ended({ error: 'Killed' }) : ended({ statusCode: result.statusCode });
  } catch (error) {
    return ended({ error: (error as Error).name, errorMessage: (error as Error).message });
  } finally {
    if (removed !== undefined) process.env.USERS_TABLE_NAME = removed;
  }
};

process.once('message', (message) => {
  void (async () => {
    let output: RunnerOutput;
    try {
      output = await run(message as RunnerInput);
    } catch (error) {
      output = { type: 'failed', message: (error as Error).stack ?? String(error) };
    }
    // Hanging fakes and keep-alive timers would keep this process alive: exit once the parent has the result.
    process.send?.(output, () => process.exit(0));
  })();
});
