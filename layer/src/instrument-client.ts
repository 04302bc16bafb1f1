/**
 * Times AWS SDK v3 calls: `db_query` (DynamoDB) or `external_call` (any other service), DEBUG when fast and
 * INFO when slow, plus `database_error` / `external_service_error` when a call fails (then rethrown).
 *
 * Two hooks, one record per call: a middleware on the client's stack sees every real call, including those of
 * a DynamoDBDocumentClient built on the instrumented client (it shares the stack); a `send` wrapper sees
 * calls that never reach the stack because aws-sdk-client-mock stubbed `send`. The wrapper writes only when
 * the middleware did not run for that call (tracked in an AsyncLocalStorage scope).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { writeEvent } from './log-event';

export interface SdkClientLike {
  middlewareStack: {
    // biome-ignore lint/suspicious/noExplicitAny: the SDK's overloaded generic signature; we pass a plain function
    add(middleware: any, options: { step: 'initialize'; name: string; priority: 'high' }): void;
    identify?(): string[];
  };
  // biome-ignore lint/suspicious/noExplicitAny: every client's `send` overloads differ; any keeps them assignable
  send(command: any, ...rest: any[]): Promise<unknown>;
}

export interface InstrumentOptions {
  /** Calls slower than this are written at INFO instead of DEBUG. @default 200 */
  readonly slowMs?: number;
}

const middlewareName = 'creamInstrumentClient';
const defaultSlowMs = 200;
// created on the first instrumented call, not at load: a function that instruments no client never pays for it
let scopes: AsyncLocalStorage<{ recorded: boolean }> | undefined;
const callScope = (): AsyncLocalStorage<{ recorded: boolean }> => {
  scopes ??= new AsyncLocalStorage();
  return scopes;
};

interface Call {
  readonly clientName: string;
  readonly commandName: string;
  readonly input: unknown;
  readonly started: bigint;
}

/** `DynamoDBDocumentClient` → `DynamoDB`, `PutItemCommand` → `PutItem`. */
const serviceOf = (clientName: string): string => clientName.replace(/(Document)?Client$/, '') || 'unknown';
const operationOf = (commandName: string): string => commandName.replace(/Command$/, '') || 'unknown';

const tableOf = (input: unknown): string | undefined => {
  const table = (input as { TableName?: unknown } | undefined)?.TableName;
  return typeof table === 'string' ? table : undefined;
};

const record = (call: Call, slowMs: number, error?: unknown): void => {
  const durationMs = Math.round(Number(process.hrtime.bigint() - call.started) / 1e3) / 1e3;
  const service = serviceOf(call.clientName);
  const isDb = service.startsWith('DynamoDB');
  const common = { aws_service: service, operation: operationOf(call.commandName) };
  writeEvent(
    isDb ? 'db_query' : 'external_call',
    {
      ...common,
      duration_ms: durationMs,
      outcome: error === undefined ? 'success' : 'failure',
      table: tableOf(call.input),
    },
    { level: durationMs > slowMs ? 'INFO' : 'DEBUG' },
  );
  if (error === undefined) return;
  const failure = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } } | null;
  writeEvent(isDb ? 'database_error' : 'external_service_error', {
    ...common,
    error_code: typeof failure?.name === 'string' ? failure.name : 'UnknownError',
    duration_ms: durationMs,
    http_status:
      typeof failure?.$metadata?.httpStatusCode === 'number' ? failure.$metadata.httpStatusCode : undefined,
    error,
  });
};

const timed = async <T>(
  call: Call,
  slowMs: number,
  run: () => Promise<T>,
  shouldRecord: () => boolean,
): Promise<T> => {
  try {
    const result = await run();
    if (shouldRecord()) record(call, slowMs);
    return result;
  } catch (error) {
    if (shouldRecord()) record(call, slowMs, error);
    throw error;
  }
};

type Next = (args: { input?: unknown }) => Promise<unknown>;
type HandlerContext = { clientName?: string; commandName?: string };

const stackMiddleware =
  (slowMs: number) =>
  (next: Next, context: HandlerContext) =>
  (args: { input?: unknown }): Promise<unknown> => {
    const scope = scopes?.getStore();
    if (scope) scope.recorded = true;
    const call = {
      clientName: context.clientName ?? 'unknown',
      commandName: context.commandName ?? 'unknown',
      input: args.input,
      started: process.hrtime.bigint(),
    };
    return timed(
      call,
      slowMs,
      () => next(args),
      () => true,
    );
  };

/** Instruments a client in place and returns it. Safe to call twice or on a client sharing a stack. */
export const instrumentClient = <C extends SdkClientLike>(client: C, options: InstrumentOptions = {}): C => {
  const slowMs = options.slowMs ?? defaultSlowMs;
  if (!client.middlewareStack.identify?.().some((entry) => entry.startsWith(middlewareName))) {
    client.middlewareStack.add(stackMiddleware(slowMs), {
      step: 'initialize',
      name: middlewareName,
      priority: 'high',
    });
  }
  // An instance-level stub installed before us is the `send` to call; otherwise look the prototype's up per
  // call, so a class-level mock installed later (mockClient(DynamoDBDocumentClient)) is honoured.
  const ownSend = Object.hasOwn(client, 'send') ? client.send : undefined;
  const clientName = client.constructor.name;
  client.send = function instrumentedSend(this: C, command: unknown, ...rest: unknown[]): Promise<unknown> {
    const target = ownSend ?? (Object.getPrototypeOf(client) as SdkClientLike).send;
    if (typeof rest.at(-1) === 'function') return target.call(this, command, ...rest);
    const scope = { recorded: false };
    const call = {
      clientName,
      commandName: (command as object | null)?.constructor?.name ?? 'unknown',
      input: (command as { input?: unknown } | null)?.input,
      started: process.hrtime.bigint(),
    };
    return callScope().run(scope, () =>
      timed(
        call,
        slowMs,
        () => target.call(this, command, ...rest),
        () => !scope.recorded,
      ),
    );
  } as C['send'];
  return client;
};
