import { Client, ServiceException } from '@smithy/core/client';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsFixtures, DynamoCall, Fault, InvocationPlan } from './protocol';
import type { VirtualClock } from './virtual-clock';

/**
 * What a plug-in's fakes see of the runner: the current invocation's faults and the shared bookkeeping. A
 * plug-in (tools/verify/plugins/*-fakes.ts) mocks the clients of the function it knows; every other call any
 * function makes reaches the generic fake below.
 */
export interface FakeContext {
  readonly fixtures: AwsFixtures;
  readonly clock: VirtualClock;
  has(fault: Fault): boolean;
  /** With this fault on, the invocation's first call of it waits the plan's `slowMs` (virtual clock). */
  waitIfSlow(fault: Fault): number;
  /**
   * Every faked SDK call reports itself here; under `aws-unavailable` it gets the service fault to throw
   * (plug-ins may throw their service's own class instead).
   */
  sdkCall(service: string): ServiceException | undefined;
  /** A DynamoDB call as the table would count it (for AWS/DynamoDB datapoints). */
  recordDynamoCall(call: Omit<DynamoCall, 'atMs'>): void;
}

/** What a plug-in's `installFakes` may return: a hook around each invocation (undo returned). */
export interface PluginFakes {
  beforeInvoke?(plan: InvocationPlan): (() => void) | undefined;
}

/** The export a fakes module (RunnerInput.fakeModules) provides. */
export type InstallFakes = (
  context: FakeContext,
) => PluginFakes | undefined | Promise<PluginFakes | undefined>;

export interface AwsFakes {
  readonly context: FakeContext;
  /** The next invocation's faults (replacing the previous ones); its call logs start empty. */
  startInvocation(plan: Pick<InvocationPlan, 'faults' | 'slowMs'>, startedAt: number): void;
  /** What DynamoDB answered during the current invocation. */
  dynamoCalls(): DynamoCall[];
  /** How many AWS SDK calls the current invocation made. */
  sdkCalls(): number;
}

/** What a service answers when it is down: a server fault, which the SDK surfaces as a ServiceException. */
export const serviceFault = (service: string): ServiceException =>
  new ServiceException({
    name: 'InternalFailure',
    $fault: 'server',
    $metadata: { httpStatusCode: 500 },
    message: `${service}: the service encountered an internal error (injected by logs verify)`,
  });

/** `DynamoDBDocumentClient` → `DynamoDB`. */
const serviceOf = (client: unknown): string =>
  (client as { constructor?: { name?: string } })?.constructor?.name?.replace(/(Document)?Client$/, '') ||
  'AWS';

/**
 * The in-process AWS every function runs against. aws-sdk-client-mock on the SDK's base `Client` class stands
 * in for every client of every service (the handler's SDK is the one in this repository's node_modules, left
 * external by the bundle): a call answers `{}` with status 200 (an empty read, an accepted write), or fails
 * with a service fault under `aws-unavailable`. Plug-ins mock their function's clients more precisely; their
 * mocks on the subclasses take precedence. Installed before the handler loads, so module-scope clients are
 * covered.
 */
export const installAwsFakes = (fixtures: AwsFixtures, clock: VirtualClock): AwsFakes => {
  let faults = new Set<Fault>();
  let slowMs = 0;
  let startedAt = 0;
  let calls: DynamoCall[] = [];
  let sdkCalls = 0;
  /** A slow dependency is slow once per invocation: its first call waits, the rest are warm. */
  let slowLeft = false;
  const context: FakeContext = {
    fixtures,
    clock,
    has: (fault) => faults.has(fault),
    waitIfSlow: (fault) => {
      if (!faults.has(fault) || !slowLeft) return 0;
      slowLeft = false;
      clock.advance(slowMs);
      return slowMs;
    },
    sdkCall: (service) => {
      sdkCalls++;
      return faults.has('aws-unavailable') ? serviceFault(service) : undefined;
    },
    recordDynamoCall: (call) => calls.push({ ...call, atMs: Date.now() - startedAt }),
  };

  mockClient(Client)
    .onAnyCommand()
    .callsFake(async (_input: unknown, getClient: () => unknown) => {
      const fault = context.sdkCall(serviceOf(getClient()));
      if (fault) throw fault;
      return { $metadata: { httpStatusCode: 200 } };
    });

  return {
    context,
    startInvocation: (plan, at) => {
      faults = new Set(plan.faults);
      slowMs = plan.slowMs ?? 0;
      slowLeft = true;
      startedAt = at;
      calls = [];
      sdkCalls = 0;
    },
    dynamoCalls: () => calls,
    sdkCalls: () => sdkCalls,
  };
};
