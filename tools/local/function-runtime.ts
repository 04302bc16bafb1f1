import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import type { FunctionModel } from '../cloud-assembly';
import { localCredentials } from './local-aws';
import { WorkerEnv } from './worker-protocol';

/** What every function process shares: the worker script and the stand-in for the runtime's own modules. */
export interface RuntimeFiles {
  readonly workerScript: string;
  /** Holds only `@aws-sdk` (a link to the project's), as Lambda's Node runtime provides only the SDK. */
  readonly runtimeNodeModules: string;
}

/**
 * Bundles the worker to plain CommonJS (so function processes run on bare Node, no TypeScript loader that
 * could change how the handler bundle loads) and links the SDK into a runtime `node_modules`.
 */
export const prepareRuntimeFiles = (home: string, projectRoot: string): RuntimeFiles => {
  const dir = path.join(home, 'runtime');
  const workerScript = path.join(dir, 'function-worker.cjs');
  buildSync({
    entryPoints: [path.join(__dirname, 'function-worker.ts')],
    outfile: workerScript,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    logLevel: 'error',
  });
  const runtimeNodeModules = path.join(dir, 'node_modules');
  const sdkLink = path.join(runtimeNodeModules, '@aws-sdk');
  fs.mkdirSync(runtimeNodeModules, { recursive: true });
  fs.rmSync(sdkLink, { force: true, recursive: true });
  // A junction needs no privilege on Windows; elsewhere it is an ordinary symlink.
  fs.symlinkSync(path.join(projectRoot, 'node_modules', '@aws-sdk'), sdkLink, 'junction');
  return { workerScript, runtimeNodeModules };
};

/** `index.handler` → the bundle file that exists (`index.js`, `.mjs` or `.cjs`) and the export name. */
export const resolveHandler = (codeDir: string, handler: string): { file: string; exportName: string } => {
  const dot = handler.lastIndexOf('.');
  const base = handler.slice(0, dot);
  const exportName = handler.slice(dot + 1);
  for (const extension of ['.js', '.mjs', '.cjs']) {
    const file = path.join(codeDir, `${base}${extension}`);
    if (fs.existsSync(file)) return { file, exportName };
  }
  throw new Error(`Handler ${handler}: no ${base}.js, .mjs or .cjs in ${codeDir}`);
};

/**
 * Where `require` finds modules the bundle left external, in Lambda's order: layers (`/opt/nodejs/...`, a
 * later layer overriding an earlier one), then the runtime's SDK.
 */
export const functionNodePath = (
  fn: FunctionModel,
  fallbackLayerDirs: readonly string[],
  runtime: RuntimeFiles,
): string => {
  const fromAssets = fn.layers.flatMap((layer) => (layer.assetPath ? [layer.assetPath] : [])).reverse();
  const layerDirs = fromAssets.length > 0 ? fromAssets : fallbackLayerDirs;
  const candidates = layerDirs.flatMap((dir) => [
    path.join(dir, 'nodejs', 'node24', 'node_modules'),
    path.join(dir, 'nodejs', 'node_modules'),
  ]);
  return [...candidates.filter((dir) => fs.existsSync(dir)), runtime.runtimeNodeModules].join(path.delimiter);
};

export interface EnvironmentInputs {
  readonly fn: FunctionModel;
  readonly region: string;
  readonly nodePath: string;
  readonly endpoints: Readonly<Record<string, string>>;
}

/**
 * The environment Lambda gives a function: its own variables from the template, the reserved `AWS_LAMBDA_*`
 * ones (name, memory, log group, log format and level from the logging config), region and credentials, plus
 * the endpoint variables that send its SDK calls to the local servers. Nothing else of this process leaks in.
 */
export const functionEnvironment = ({
  fn,
  region,
  nodePath,
  endpoints,
}: EnvironmentInputs): Record<string, string> => {
  const codeDir = fn.codeAssetPath ?? '';
  const { file, exportName } = resolveHandler(codeDir, fn.handler);
  const logFormat = fn.logFormat ?? 'Text';
  const reserved: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    NODE_PATH: nodePath,
    LAMBDA_TASK_ROOT: codeDir,
    _HANDLER: fn.handler,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime ?? 'nodejs24.x'}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: fn.logGroupName,
    AWS_LAMBDA_LOG_FORMAT: logFormat,
    // Lambda sets the level variable only with the JSON format; Powertools reads it as its minimum level.
    AWS_LAMBDA_LOG_LEVEL: logFormat === 'JSON' ? (fn.applicationLogLevel ?? 'INFO') : undefined,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_SESSION_TOKEN: localCredentials.sessionToken,
    [WorkerEnv.handlerFile]: file,
    [WorkerEnv.handlerExport]: exportName,
    CREAM_FUNCTION_ARN: fn.arn,
  };
  const env = { ...fn.environment, ...reserved, ...endpoints };
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
};
