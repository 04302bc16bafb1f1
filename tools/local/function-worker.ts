/**
 * Runs inside a function worker process: the Lambda runtime's role for one instance. It loads the bundled
 * handler once (the INIT phase, so module scope and cold-start flags behave as in Lambda), then serves
 * invocations from the IPC channel one at a time. Bundled by esbuild before use; keep it to `node:` imports.
 */

import Module from 'node:module';
import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import type { InvokeMessage, LambdaError, WorkerMessage } from './worker-protocol';
import { endMarker, WorkerEnv } from './worker-protocol';

type Handler = (
  event: unknown,
  context: unknown,
  callback?: (error: unknown, value?: unknown) => void,
) => unknown;

let currentRequestId: string | undefined;

const send = (message: WorkerMessage): void => {
  process.send?.(message);
};

const toLambdaError = (error: unknown): LambdaError => {
  const value = error instanceof Error ? error : new Error(String(error));
  return {
    errorType: value.name,
    errorMessage: value.message,
    stackTrace: (value.stack ?? '')
      .split('\n')
      .slice(1)
      .map((line) => line.trim()),
  };
};

const writeRecord = (level: string, fields: Record<string, unknown>): void => {
  const record = { timestamp: new Date().toISOString(), level, requestId: currentRequestId, ...fields };
  process.stdout.write(`${JSON.stringify(record)}\n`);
};

/**
 * With the JSON log format, Lambda's runtime turns each console call into a JSON record with its level and
 * request id. Do the same, so plain `console.error` output is an ERROR record here too.
 */
const patchConsole = (): void => {
  const levels = { debug: 'DEBUG', info: 'INFO', log: 'INFO', warn: 'WARN', error: 'ERROR', trace: 'TRACE' };
  for (const [method, level] of Object.entries(levels)) {
    Object.assign(console, {
      [method]: (...args: unknown[]) => writeRecord(level, { message: format(...args) }),
    });
  }
};

/**
 * Lambda runs the bundle from /var/task, whose parent folders hold no node_modules: packages resolve from the
 * task root and NODE_PATH (the layers, the runtime's SDK) only. Here the asset sits in the project's cdk.out, so
 * the project's node_modules (the `@cream/logging` workspace link among them) would stand in for the layer.
 */
const resolveLikeLambda = (taskRoot: string): void => {
  // Cast: `_nodeModulePaths` is the CommonJS loader's (long-stable) internal that lists a folder's lookup dirs
  const loader = Module as unknown as { _nodeModulePaths(from: string): string[] };
  const lookup = loader._nodeModulePaths.bind(Module);
  const inTask = (dir: string) => dir === taskRoot || dir.startsWith(`${taskRoot}${sep}`);
  // the bundle's own lookups stop at the task root; packages found on NODE_PATH keep their node_modules
  loader._nodeModulePaths = (from) => (inTask(from) ? lookup(from).filter(inTask) : lookup(from));
};

const loadHandler = async (): Promise<Handler> => {
  const file = process.env[WorkerEnv.handlerFile];
  const name = process.env[WorkerEnv.handlerExport] ?? 'handler';
  if (!file) throw new Error(`${WorkerEnv.handlerFile} is not set`);
  if (process.env.LAMBDA_TASK_ROOT) resolveLikeLambda(process.env.LAMBDA_TASK_ROOT);
  // import() loads CommonJS and ES module bundles alike; a CJS bundle's exports arrive on `default` too.
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const candidate = module[name] ?? (module.default as Record<string, unknown> | undefined)?.[name];
  if (typeof candidate !== 'function') {
    throw Object.assign(new Error(`${file} does not export a function named ${name}`), {
      name: 'Runtime.HandlerNotFound',
    });
  }
  return candidate as Handler;
};

const contextFor = (message: InvokeMessage) => {
  const env = process.env;
  const functionName = env.AWS_LAMBDA_FUNCTION_NAME ?? 'function';
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
    invokedFunctionArn:
      env.CREAM_FUNCTION_ARN ?? `arn:aws:lambda:${env.AWS_REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
    awsRequestId: message.requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? `/aws/lambda/${functionName}`,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? 'local',
    getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
    // The legacy completion methods; nodejs24.x has none, but older bundles may still call them.
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

const invoke = async (handler: Handler, message: InvokeMessage): Promise<unknown> => {
  const context = contextFor(message);
  if (handler.length < 3) return handler(message.event, context);
  return new Promise((resolve, reject) => {
    const returned = handler(message.event, context, (error, value) =>
      error ? reject(error) : resolve(value),
    );
    if (returned instanceof Promise) returned.then(resolve, reject);
  });
};

const main = async (): Promise<void> => {
  patchConsole();
  const started = performance.now();
  let handler: Handler;
  try {
    handler = await loadHandler();
  } catch (error) {
    const lambdaError = toLambdaError(error);
    writeRecord('ERROR', { message: 'Init Error', ...lambdaError });
    send({ type: 'init-error', error: lambdaError });
    return;
  }
  send({ type: 'ready', initDurationMs: performance.now() - started });

  // One invocation at a time, like a Lambda instance; the runtime never sends a second one before a reply.
  process.on('message', async (message: InvokeMessage) => {
    if (message.type !== 'invoke') return;
    currentRequestId = message.requestId;
    process.env._X_AMZN_TRACE_ID = message.traceId;
    let reply: WorkerMessage;
    try {
      reply = { type: 'result', requestId: message.requestId, value: await invoke(handler, message) };
    } catch (error) {
      const lambdaError = toLambdaError(error);
      writeRecord('ERROR', { message: 'Invoke Error', ...lambdaError });
      reply = { type: 'error', requestId: message.requestId, error: lambdaError };
    }
    process.stdout.write(`${endMarker(message.requestId)}\n`, () => send(reply));
    currentRequestId = undefined;
  });
};

// The IPC channel closes when the runtime exits, however it exits (Ctrl-C, kill -9, a crash): an instance
// never outlives the runtime that owns it.
process.on('disconnect', () => process.exit(0));

// An error escaping the handler's promise chain kills a Lambda instance too; the runtime sees the exit.
process.on('unhandledRejection', (reason) => {
  writeRecord('ERROR', { message: 'Runtime.UnhandledPromiseRejection', ...toLambdaError(reason) });
  process.exit(1);
});

void main();
