import path from 'node:path';
import { type CliOutput, type CommandSpec, parseCommandLine, reportUsageError } from '../cli/parse';

/** What `npm start` was asked to do; every default is here so the banner and the tests agree. */
export interface StartOptions {
  readonly port: number;
  /** Print raw record lines (stdout) instead of the readable one-liners; everything else goes to stderr. */
  readonly json: boolean;
  /** Reuse an existing cloud assembly instead of running `cdk synth`. */
  readonly synth: boolean;
  /** Rebuild and reload on changes under functions/, layer/, lib/ and bin/. */
  readonly watch: boolean;
  readonly cdkOutDir: string;
  /** Where state lives between runs: DynamoDB data, secrets, logs, the demo user. */
  readonly home: string;
  readonly projectRoot: string;
  /** Seconds between periodic alarm evaluations (requests also trigger one). */
  readonly evaluateEverySeconds: number;
}

export const DefaultPort = 3000;
const DefaultEvaluateEverySeconds = 5;
const ThisProject = path.resolve(__dirname, '../..');

export const startCommand: CommandSpec = {
  usage: 'npm start -- [options]',
  summary:
    'Runs the synthesized stack locally (HTTP API, functions, DynamoDB, Secrets Manager, CloudWatch Logs and\n' +
    'alarms): no AWS, no Docker. Stops cleanly on Ctrl-C (SIGINT) or SIGTERM.',
  options: {
    port: {
      type: 'string',
      valueName: 'N',
      description: `HTTP port of the local API (default ${DefaultPort}, or $PORT; 0 for any free port)`,
    },
    json: {
      type: 'boolean',
      description: 'raw JSON record lines on stdout (one per record); banner and messages on stderr',
    },
    synth: {
      type: 'boolean',
      default: true,
      description: 'reuse the existing cloud assembly instead of running cdk synth',
    },
    watch: {
      type: 'boolean',
      default: true,
      description: 'do not rebuild and reload on changes under functions/, layer/, lib/ and bin/',
    },
    'cdk-out': {
      type: 'string',
      valueName: 'DIR',
      description: 'cloud assembly directory (default <project>/cdk.out, or $CREAM_CDK_OUT)',
    },
    home: {
      type: 'string',
      valueName: 'DIR',
      description: 'local state directory (default <project>/.cream, or $CREAM_HOME)',
    },
    'project-root': {
      type: 'string',
      valueName: 'DIR',
      description: 'the CDK project to run and watch (default: this repository)',
    },
  },
  notes: [
    'Examples:',
    '  npm start',
    '  npm start --silent -- --json | jq -c \'select(.category == "security")\'',
    '  npm start -- --port 3001 --no-watch',
  ],
};

const parsePort = (text: string, source: string): number | string => {
  const port = Number(text);
  return /^\d+$/.test(text) && port <= 65535 ? port : `invalid port from ${source}: ${text}`;
};

/**
 * Parses argv and the environment. Flags win over variables; paths resolve against the project root so the
 * command behaves the same from any working directory. Returns the options, or the exit code when the
 * command should stop (0 after `--help`, 2 after a usage error; both already written to `io`).
 */
export const parseOptions = (
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CliOutput,
): StartOptions | number => {
  const parsed = parseCommandLine(startCommand, argv, io);
  if (typeof parsed === 'number') return parsed;
  const values = parsed.values as {
    port?: string;
    json?: boolean;
    synth: boolean;
    watch: boolean;
    'cdk-out'?: string;
    home?: string;
    'project-root'?: string;
  };
  const portText = values.port ?? env.PORT;
  const port = portText === undefined ? DefaultPort : parsePort(portText, values.port ? '--port' : 'PORT');
  if (typeof port === 'string') return reportUsageError(startCommand, io, port);
  const projectRoot = path.resolve(values['project-root'] ?? ThisProject);
  return {
    port,
    json: values.json ?? false,
    synth: values.synth,
    watch: values.watch,
    cdkOutDir: path.resolve(projectRoot, values['cdk-out'] ?? env.CREAM_CDK_OUT ?? 'cdk.out'),
    home: path.resolve(projectRoot, values.home ?? env.CREAM_HOME ?? '.cream'),
    projectRoot,
    evaluateEverySeconds: DefaultEvaluateEverySeconds,
  };
};
