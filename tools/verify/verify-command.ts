import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadStackModel } from '../cloud-assembly';
import type { Command } from '../logs/command';
import { formatReport } from './format-report';
import { synthesize } from './synthesize';
import { verifyStack } from './verify';

const usage = 'usage: logs verify [--cdk-out DIR] [--stack NAME] [--json]\n';

/**
 * `logs verify`: synthesize the stack (or read `--cdk-out`), run the real handlers through the scenarios and
 * prove each metric filter, subscription filter and alarm against the records they wrote. Exit 0 when all
 * hold, 1 when one does not, 2 on a usage or synth error.
 */
export const verifyCommand: Command = async (args, io) => {
  let options: { 'cdk-out'?: string; stack?: string; json?: boolean };
  try {
    options = parseArgs({
      args: [...args],
      options: { 'cdk-out': { type: 'string' }, stack: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
    }).values;
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const started = Date.now();
  const given = options['cdk-out'];
  let cdkOut: string;
  try {
    cdkOut = given ?? (await synthesize());
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return 2;
  }
  try {
    const model = loadStackModel(cdkOut, { stackName: options.stack });
    const report = await verifyStack(model);
    const elapsedMs = Date.now() - started;
    io.stdout(
      options.json
        ? `${JSON.stringify({ ...report, elapsedMs }, null, 2)}\n`
        : formatReport(report, model.alarms, elapsedMs),
    );
    return report.ok ? 0 : 1;
  } catch (error) {
    io.stderr(`logs verify: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  } finally {
    // Only a directory we created; never the user's own cdk.out.
    if (!given) rmSync(cdkOut, { recursive: true, force: true });
  }
};
