/**
 * The request in progress, as the middleware declares it: its keys go on every record (the middleware's own and
 * those written through `logger` / `logEvent` in the handler), its record settings (redaction, size) apply to
 * every record of the request, its `request_started` record waits here until it can be printed, and the
 * temporary keys loggers append during it live and die with it. Scoped to the invocation: in the runtime's
 * invoke store when Lambda runs invocations concurrently in one process (Managed Instances), else one slot,
 * since invocations then run one at a time.
 */
import type { RecordSettings, RequestKeys } from './record-formatter';
import type { Json } from './safe-serialize';

export type Keys = Readonly<Record<string, Json>>;

/** A logger the request has to flush or clear when it ends (it may have buffered debug records). */
export interface BufferingLogger {
  flushBuffer(): void;
  clearBuffer(): void;
}

/** How the request's outgoing HTTP calls are timed (`http-client-timing.ts`); absent when its middleware turned it off. */
export interface HttpClientSettings {
  /** Calls slower than this are written at INFO instead of DEBUG. */
  readonly slowMs: number;
  /** Whether a host gets the request's correlation id. */
  readonly propagatesTo: (hostname: string) => boolean;
}

export interface RequestScope {
  readonly keys: RequestKeys;
  readonly settings: RecordSettings;
  readonly httpClient?: HttpClientSettings;
  pendingDebug?: () => void;
  /** The layer's own DEBUG records of the request (timed HTTP calls), printed if the request is flushed. */
  debugRecords?: (() => void)[];
  /** Loggers that wrote during this request. */
  loggers?: Set<BufferingLogger>;
  /** Temporary keys appended during this request, per logger. */
  appended?: Map<object, Keys>;
}

interface InvokeStore {
  hasContext(): boolean;
  get(key: symbol): unknown;
  set(key: symbol, value: unknown): void;
}

const slot = Symbol.for('@cream/logging.request');
let shared: RequestScope | undefined;
/** Temporary keys appended outside any request (init code): the next request starts without them. */
const appendedOutside = new Map<object, Keys>();

const invokeStore = (): InvokeStore | undefined => {
  const store = (globalThis as { awslambda?: { InvokeStore?: Partial<InvokeStore> } }).awslambda?.InvokeStore;
  return typeof store?.hasContext === 'function' && store.hasContext() ? (store as InvokeStore) : undefined;
};

/** The scope of the request in progress, if any. */
export const currentScope = (): RequestScope | undefined => {
  const store = invokeStore();
  return store ? (store.get(slot) as RequestScope | undefined) : shared;
};

export const enterRequest = (
  keys: RequestKeys,
  settings: RecordSettings,
  httpClient?: HttpClientSettings,
): RequestScope => {
  const scope: RequestScope = { keys, settings, httpClient };
  appendedOutside.clear();
  const store = invokeStore();
  if (store) store.set(slot, scope);
  else shared = scope;
  return scope;
};

/** Ends `scope`; a later request that already took the shared slot keeps it. */
export const leaveRequest = (scope: RequestScope): void => {
  const store = invokeStore();
  if (store) {
    if (store.get(slot) === scope) store.set(slot, undefined);
  } else if (shared === scope) shared = undefined;
};

/** At most this many of the layer's own DEBUG records wait per request; later ones are dropped. */
const debugRecordLimit = 100;

/** Keeps one of the layer's DEBUG records until the request is flushed (printed) or cleared (dropped). */
export const deferDebugRecord = (scope: RequestScope, write: () => void): void => {
  scope.debugRecords ??= [];
  if (scope.debugRecords.length < debugRecordLimit) scope.debugRecords.push(write);
};

/**
 * The deferred debug records, once (`request_started` first, then the layer's others in the order written):
 * called when the buffer is flushed, dropped when it is cleared.
 */
export const takePendingDebug = (scope: RequestScope | undefined): (() => void) | undefined => {
  if (!scope) return undefined;
  const started = scope.pendingDebug;
  const records = scope.debugRecords;
  scope.pendingDebug = undefined;
  scope.debugRecords = undefined;
  if (records === undefined) return started;
  return () => {
    started?.();
    for (const write of records) write();
  };
};

/** Notes that `logger` wrote during the current request, so the request flushes or clears its buffer. */
export const noteLogger = (logger: BufferingLogger): void => {
  const scope = currentScope();
  if (!scope) return;
  scope.loggers ??= new Set();
  scope.loggers.add(logger);
};

/** Prints the request's deferred `request_started`, then what its loggers buffered (a failed request). */
export const flushRequest = (scope: RequestScope): void => {
  takePendingDebug(scope)?.();
  for (const logger of scope.loggers ?? []) logger.flushBuffer();
  scope.loggers?.clear();
};

/** Drops what the request buffered (a request that went well). */
export const clearRequest = (scope: RequestScope): void => {
  takePendingDebug(scope);
  for (const logger of scope.loggers ?? []) logger.clearBuffer();
  scope.loggers?.clear();
};

/** The temporary keys `owner` appended in the current request (or outside any). */
export const temporaryKeys = (owner: object): Keys | undefined => {
  const scope = currentScope();
  return scope ? scope.appended?.get(owner) : appendedOutside.get(owner);
};

export const setTemporaryKeys = (owner: object, keys: Keys | undefined): void => {
  const scope = currentScope();
  if (scope) scope.appended ??= new Map();
  const store = scope?.appended ?? appendedOutside;
  if (keys === undefined) store.delete(owner);
  else store.set(owner, keys);
};
