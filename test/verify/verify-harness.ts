import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { AlarmThresholds } from '../../lib/monitoring-alarms';
import { synthesize } from '../../tools/verify/synthesize';
import type { VerifyReport } from '../../tools/verify/verify';

/**
 * Shared by the verify tests: `logs verify` as a user runs it, and a CDK app that synthesizes the project's
 * stack with other alarm thresholds. Run as a program (`tsx test/verify/verify-harness.ts`), this file is that
 * app: it reads the thresholds as JSON from the `alarmThresholds` context value.
 */

const repoRoot = path.resolve(__dirname, '../..');
const contextKey = 'alarmThresholds';

export interface VerifyRun {
  readonly status: number | null;
  readonly report: VerifyReport;
  readonly stderr: string;
}

/** The CLI in a child process: exit code and the JSON report. */
export const runVerify = (cdkOut: string): VerifyRun => {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'tools/logs-cli.ts', 'verify', '--cdk-out', cdkOut, '--json'],
    { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' } },
  );
  return {
    status: result.status,
    report: JSON.parse(result.stdout || '{}') as VerifyReport,
    stderr: result.stderr,
  };
};

/** `cdk synth` of the stack with these thresholds (the rest at their defaults) into `outDir`. */
export const synthesizeWithThresholds = (
  outDir: string,
  thresholds: Partial<AlarmThresholds>,
): Promise<string> =>
  synthesize(outDir, {
    app: `tsx ${path.relative(repoRoot, __filename)}`,
    context: { [contextKey]: JSON.stringify(thresholds) },
  });

/** The app: the stack as bin/app.ts creates it, with `alarmThresholds` from the context. */
const synthesizeApp = async (): Promise<void> => {
  const { App } = await import('aws-cdk-lib');
  const { CreamLoggingStack } = await import('../../lib/cream-logging-stack');
  const app = new App();
  const raw: unknown = app.node.tryGetContext(contextKey);
  const alarmThresholds = (
    typeof raw === 'string' ? JSON.parse(raw) : (raw ?? {})
  ) as Partial<AlarmThresholds>;
  new CreamLoggingStack(app, app.node.tryGetContext('stackName') ?? 'CreamLogging', {
    description: 'Cream logging with the alarm thresholds of a verify test',
    alarmThresholds,
  });
};

if (require.main === module) void synthesizeApp();
