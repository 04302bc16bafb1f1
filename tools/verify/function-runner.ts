/**
 * Child process of `logs verify`: runs ONE function's real handler (its own module registry and environment,
 * as one Lambda execution environment would) through the planned invocations, one at a time, and sends back
 * every record line the layer wrote. The handler comes pre-bundled from its source (see bundle-handler.ts);
 * this file runs under `--import tsx`.
 */

import { format } from 'node:util';
import { type AwsFakes, type InstallFakes, installAwsFakes, type PluginFakes } from './aws-fakes';
import { type Handler, injectFaults } from './fault-injection';
import { httpApiEvent, lambdaContext, scheduledEvent } from './lambda-events';
import type {
  CapturedRecord,
  InvocationOutcome,
  InvocationPlan,
  RunnerInput,
  RunnerOutput,
} from './protocol';
import { installVirtualClock } from './virtual-clock';

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

/** The handler's answer, or `killed` at the deadline. The timer keeps the process up while a handler hangs. */
const withDeadline = async <T>(promise: Promise<T>, ms: number): Promise<T | 'killed'> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<'killed'>((resolve) => {
        timer = setTimeout(() => resolve('killed'), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};

const run = async (input: RunnerInput): Promise<RunnerOutput> => {
  const fakes = installAwsFakes(input.fixtures, installVirtualClock());
  // The plug-ins' fakes for this function, before the handler loads (its module-scope clients).
  const hooks: PluginFakes[] = [];
  for (const module of input.fakeModules) {
    const { installFakes } = require(module) as { installFakes: InstallFakes };
    const installed = await installFakes(fakes.context);
    if (installed) hooks.push(installed);
  }

  const records: CapturedRecord[] = [];
  const outcomes: InvocationOutcome[] = [];
  let current = -1;
  const requestIds = new Map<number, string>();
  // The bundle carries the handler and its own copy of the layer: capture through that copy's sink.
  const bundle = require(input.bundle) as {
    handler: Handler;
    setLogSink: (sink?: (line: string) => void) => void;
  };
  const leak = () =>
    console.info('client debug output', {
      user: 'grace@example.com',
      secretAccessKey: input.fixtures.debugCredentials.secretAccessKey,
    });
  const handler = injectFaults(bundle.handler, fakes, leak);
  bundle.setLogSink((line) => records.push({ invocationId: current, line }));
  captureConsole(
    (line) => records.push({ invocationId: current, line }),
    () => requestIds.get(current),
  );

  for (const plan of input.invocations) {
    current = plan.id;
    const undo = hooks.flatMap((hook) => hook.beforeInvoke?.(plan) ?? []);
    try {
      outcomes.push(
        await invoke(plan, input, handler, fakes, (requestId) => requestIds.set(plan.id, requestId)),
      );
    } finally {
      for (const restore of undo) restore();
    }
  }
  bundle.setLogSink(undefined);
  return { type: 'done', records, outcomes };
};

const invoke = async (
  plan: InvocationPlan,
  input: RunnerInput,
  handler: Handler,
  fakes: AwsFakes,
  onRequestId: (requestId: string) => void,
): Promise<InvocationOutcome> => {
  const started = Date.now();
  fakes.startInvocation(plan, started);
  if (plan.faults.includes('lambda-throttled'))
    return { invocationId: plan.id, throttled: true, wallMs: 0, dynamoCalls: [] };
  const context = lambdaContext({ ...input, remainingMs: plan.remainingMs });
  onRequestId(context.awsRequestId);
  const ended = (fields: Partial<InvocationOutcome>): InvocationOutcome => ({
    invocationId: plan.id,
    requestId: context.awsRequestId,
    wallMs: Date.now() - started,
    dynamoCalls: fakes.dynamoCalls(),
    ...fields,
  });
  // A forced hang has nothing left to finish once the layer wrote its timeout record: end it at the deadline.
  const graceMs = plan.faults.includes('forced-hang') ? 50 : killGraceMs;
  try {
    const result = await withDeadline(
      handler(plan.trigger === 'schedule' ? scheduledEvent() : httpApiEvent(plan.request), context),
      plan.remainingMs + graceMs,
    );
    return result === 'killed' ? ended({ error: 'Killed' }) : ended({ statusCode: result.statusCode });
  } catch (error) {
    return ended({ error: (error as Error).name, errorMessage: (error as Error).message });
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
