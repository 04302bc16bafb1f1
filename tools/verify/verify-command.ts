import { rmSync } from 'node:fs';
import path from 'node:path';
import { type CommandSpec, parseCommandLine } from '../cli/parse';
import { loadStackModel } from '../cloud-assembly';
import type { Command } from '../logs/command';
import { formatReport } from './format-report';
import { synthesize } from './synthesize';
import { verifyStack } from './verify';

export const verifySpec: CommandSpec = {
  usage: 'npm run --silent logs -- verify [--cdk-out DIR] [--app-dir DIR] [--stack NAME] [--json]',
  summary:
    'Synthesizes the stack (or reads --cdk-out), runs the real handler of every function behind a route or\n' +
    'schedule (its source from the cream:entry metadata) through generic scenarios (route traffic, injected\n' +
    'throws, SDK outages, hangs, throttles, slow answers, leaks) and its plug-in scenarios, and proves every\n' +
    'metric filter, subscription filter and alarm against the records they wrote. Exit 0 when all hold, 1 when\n' +
    'one does not, 2 on a usage or synth error.',
  options: {
    'cdk-out': {
      type: 'string',
      valueName: 'DIR',
      description: 'an existing cloud assembly to verify instead of synthesizing one',
    },
    'app-dir': {
      type: 'string',
      valueName: 'DIR',
      description:
        "the CDK app's directory, which cream:entry paths are relative to (default: this repository)",
    },
    stack: {
      type: 'string',
      valueName: 'NAME',
      description: 'the stack in the assembly (default: its only stack)',
    },
    json: { type: 'boolean', description: 'the report as JSON on stdout' },
  },
};

/**
 * `logs verify`: synthesize the stack (or read `--cdk-out`), run the real handlers through the scenarios and
 * prove each metric filter, subscription filter and alarm against the records they wrote. Exit 0 when all
 * hold, 1 when one does not, 2 on a usage or synth error.
 */
export const verifyCommand: Command = async (args, io) => {
  const parsed = parseCommandLine(verifySpec, args, io);
  if (typeof parsed === 'number') return parsed;
  const options = parsed.values as {
    'cdk-out'?: string;
    'app-dir'?: string;
    stack?: string;
    json?: boolean;
  };
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
    const report = await verifyStack(model, {
      appDir: options['app-dir'] && path.resolve(options['app-dir']),
    });
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
