import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the Lambda Node.js runtime does for Lambda Managed Instances (several invocations at once in one
 * process): each invocation runs inside its own async context, exposed as `globalThis.awslambda.InvokeStore`, and
 * `AWS_LAMBDA_MAX_CONCURRENCY` is set. Powertools then scopes its per-request keys to that context. This is the
 * few methods Powertools reads (the runtime uses @aws/lambda-invoke-store), so no extra dependency is needed.
 */
const requestIdKey = Symbol.for('_AWS_LAMBDA_REQUEST_ID');
const traceIdKey = Symbol.for('_AWS_LAMBDA_X_RAY_TRACE_ID');

type Store = Map<string | symbol, unknown>;

export class InvokeStoreShim {
  readonly #storage = new AsyncLocalStorage<Store>();

  run<T>(requestId: string, traceId: string, fn: () => T): T {
    return this.#storage.run(
      new Map<string | symbol, unknown>([
        [requestIdKey, requestId],
        [traceIdKey, traceId],
      ]),
      fn,
    );
  }
  hasContext(): boolean {
    return this.#storage.getStore() !== undefined;
  }
  getContext(): Store | undefined {
    return this.#storage.getStore();
  }
  get<T>(key: string | symbol): T | undefined {
    return this.#storage.getStore()?.get(key) as T | undefined;
  }
  set(key: string | symbol, value: unknown): void {
    this.#storage.getStore()?.set(key, value);
  }
  getRequestId(): string {
    return this.get<string>(requestIdKey) ?? '-';
  }
  getXRayTraceId(): string | undefined {
    return this.get<string>(traceIdKey);
  }
}

interface LambdaGlobal {
  awslambda?: { InvokeStore?: unknown };
}

/** Installs the shim as the runtime would and returns a function that removes it again. */
export const installInvokeStore = (
  maxConcurrency: number,
): { store: InvokeStoreShim; uninstall: () => void } => {
  const store = new InvokeStoreShim();
  const global = globalThis as LambdaGlobal;
  const saved = global.awslambda;
  const savedEnv = process.env.AWS_LAMBDA_MAX_CONCURRENCY;
  global.awslambda = { ...saved, InvokeStore: store };
  process.env.AWS_LAMBDA_MAX_CONCURRENCY = String(maxConcurrency);
  return {
    store,
    uninstall: () => {
      global.awslambda = saved;
      if (savedEnv === undefined) delete process.env.AWS_LAMBDA_MAX_CONCURRENCY;
      else process.env.AWS_LAMBDA_MAX_CONCURRENCY = savedEnv;
    },
  };
};
