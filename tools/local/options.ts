import path from 'node:path';

/** What `npm start` was asked to do; every default is here so the banner and the tests agree. */
export interface StartOptions {
  readonly port: number;
  /** Print raw record lines instead of the readable one-liners. */
  readonly json: boolean;
  /** Reuse an existing cloud assembly instead of running `cdk synth`. */
  readonly synth: boolean;
  readonly cdkOutDir: string;
  /** Where state lives between runs: DynamoDB data, secrets, logs, the demo user. */
  readonly home: string;
  readonly projectRoot: string;
  /** Seconds between periodic alarm evaluations (requests also trigger one). */
  readonly evaluateEverySeconds: number;
}

export const DefaultPort = 3000;
const DefaultEvaluateEverySeconds = 5;

const usage = `Usage: npm start -- [--port N] [--json] [--no-synth] [--cdk-out DIR] [--home DIR]

  --port N       HTTP port of the local API (default ${DefaultPort}, or $PORT)
  --json         print raw JSON record lines instead of the readable view
  --no-synth     reuse the existing cloud assembly instead of running cdk synth
  --cdk-out DIR  cloud assembly directory (default ./cdk.out, or $CREAM_CDK_OUT)
  --home DIR     local state directory (default ./.cream, or $CREAM_HOME)`;

export class UsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n\n${usage}`);
    this.name = 'UsageError';
  }
}

const parsePort = (text: string | undefined, source: string): number => {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`Invalid port from ${source}: ${text}`);
  return port;
};

/**
 * Parses argv and the environment. Flags win over variables; paths resolve against the project root so the
 * command behaves the same from any working directory.
 */
export const parseOptions = (
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  projectRoot = path.resolve(__dirname, '../..'),
): StartOptions => {
  let port = env.PORT ? parsePort(env.PORT, 'PORT') : DefaultPort;
  let json = false;
  let synth = true;
  let cdkOut = env.CREAM_CDK_OUT;
  let home = env.CREAM_HOME;
  const valueAfter = (index: number, flag: string): string => {
    const value = argv[index + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return value;
  };
  for (let index = 0; index < argv.length; index++) {
    const [flag, inline] = argv[index].split('=', 2) as [string, string | undefined];
    const value = () => inline ?? valueAfter(index++, flag);
    switch (flag) {
      case '--port':
        port = parsePort(value(), '--port');
        break;
      case '--json':
        json = true;
        break;
      case '--no-synth':
        synth = false;
        break;
      case '--cdk-out':
        cdkOut = value();
        break;
      case '--home':
        home = value();
        break;
      case '--help':
      case '-h':
        throw new UsageError('Runs the synthesized stack locally.');
      default:
        throw new UsageError(`Unknown option ${argv[index]}`);
    }
  }
  return {
    port,
    json,
    synth,
    cdkOutDir: path.resolve(projectRoot, cdkOut ?? 'cdk.out'),
    home: path.resolve(projectRoot, home ?? '.cream'),
    projectRoot,
    evaluateEverySeconds: DefaultEvaluateEverySeconds,
  };
};
