/**
 * The request in progress, as the middleware declares it: its keys go on every record (the middleware's own and
 * those written through `logger` / `logEvent` in the handler), its `request_started` record waits here until it
 * can be printed, and it notes whether the handler buffered records or appended keys (so clearing them is free
 * when it did not). Scoped to the invocation: in the runtime's invoke store when Lambda runs invocations
 * concurrently in one process (Managed Instances), else one slot, since invocations then run one at a time.
 */
import type { RequestKeys } from './record-formatter';

export interface RequestScope {
  readonly keys: RequestKeys;
  pendingDebug?: () => void;
  /** The handler's logger buffered a debug record or appended temporary keys during this request. */
  buffered: boolean;
  keysAppended: boolean;
}

interface InvokeStore {
  hasContext(): boolean;
  get(key: symbol): unknown;
  set(key: symbol, value: unknown): void;
}

const slot = Symbol.for('@cream/logging.request');
let shared: RequestScope | undefined;

const invokeStore = (): InvokeStore | undefined => {
  const store = (globalThis as { awslambda?: { InvokeStore?: Partial<InvokeStore> } }).awslambda?.InvokeStore;
  return typeof store?.hasContext === 'function' && store.hasContext() ? (store as InvokeStore) : undefined;
};

/** The scope of the request in progress, if any. */
export const currentScope = (): RequestScope | undefined => {
  const store = invokeStore();
  return store ? (store.get(slot) as RequestScope | undefined) : shared;
};

export const enterRequest = (keys: RequestKeys): RequestScope => {
  const scope: RequestScope = { keys, buffered: false, keysAppended: false };
  const store = invokeStore();
  if (store) store.set(slot, scope);
  else shared = scope;
  return scope;
};

export const leaveRequest = (): void => {
  const store = invokeStore();
  if (store) store.set(slot, undefined);
  else shared = undefined;
};

/** The deferred debug record, once: called when the buffer is flushed, dropped when it is cleared. */
export const takePendingDebug = (scope: RequestScope | undefined): (() => void) | undefined => {
  const write = scope?.pendingDebug;
  if (scope) scope.pendingDebug = undefined;
  return write;
};
