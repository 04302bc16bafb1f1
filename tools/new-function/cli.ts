/**
 * `npm run new:function -- --name orders --route "GET /orders/{id}"`: a new function on the layer, its unit
 * test and its registry entry in one step, so the stack gives it everything every function gets.
 */
import { type CliOutput, ExitCode, parseCommandLine, reportUsageError } from '../cli/parse';
import { formatSources } from './format-sources';
import { newFunctionCommand, readOptions } from './options';
import { planFunction, type RegistryLoader } from './plan';
import { renderEntry } from './registry-file';
import { examplePath } from './route-keys';
import { type FileOps, nodeFileOps, type PlannedFile, writeFiles } from './write-files';

export interface NewFunctionDeps {
  readonly loadRegistry?: RegistryLoader;
  readonly fileOps?: FileOps;
}

const processIo: CliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

const dryRunText = (files: readonly PlannedFile[], entry: string): string =>
  [
    ...files.flatMap((file) =>
      file.original === undefined
        ? [`--- ${file.path} (new)`, file.text.trimEnd()]
        : [`--- ${file.path} (this entry above the marker line)`, entry],
    ),
    '',
    'Dry run: nothing was written.',
    '',
  ].join('\n');

const nextSteps = (name: string, files: readonly PlannedFile[], example: string): string => {
  const steps = [
    [`npx jest test/functions/${name}/`, 'its unit test'],
    ['npm start', `then: curl localhost:3000${example}`],
    ['npm run --silent logs -- verify', 'proves its alarms on records of its own'],
  ];
  const width = Math.max(...steps.map(([command]) => command!.length)) + 2;
  return [
    ...files.map((file) =>
      file.original === undefined ? `created ${file.path}` : `registered ${name} in ${file.path}`,
    ),
    '',
    'Next:',
    ...steps.map(([command, what]) => `  ${command!.padEnd(width)}${what}`),
    '',
  ].join('\n');
};

export const main = async (
  argv: readonly string[],
  io: CliOutput = processIo,
  deps: NewFunctionDeps = {},
): Promise<number> => {
  const parsed = parseCommandLine(newFunctionCommand, argv, io);
  if (typeof parsed === 'number') return parsed;
  const options = readOptions(parsed.values as Parameters<typeof readOptions>[0]);
  if (typeof options === 'string') return reportUsageError(newFunctionCommand, io, options);

  const planned = planFunction(options, deps.loadRegistry);
  if (planned.kind === 'usage') return reportUsageError(newFunctionCommand, io, planned.problem);
  if (planned.kind === 'failure') {
    io.stderr(`new:function: ${planned.problem}\n`);
    return ExitCode.failure;
  }
  let files: PlannedFile[];
  try {
    const formatted = await formatSources(options.projectRoot, planned.files);
    files = planned.files.map((file, index) => ({ ...file, text: formatted[index]!.text }));
  } catch (error) {
    io.stderr(`new:function: nothing written: ${(error as Error).message}\n`);
    return ExitCode.failure;
  }
  if (options.dryRun) {
    io.stdout(dryRunText(files, renderEntry(planned.entry)));
    return ExitCode.ok;
  }
  try {
    writeFiles(options.projectRoot, files, deps.fileOps ?? nodeFileOps);
  } catch (error) {
    io.stderr(`new:function: nothing written: ${(error as Error).message}\n`);
    return ExitCode.failure;
  }
  io.stdout(nextSteps(options.name, files, examplePath(options.routes[0]!)));
  return ExitCode.ok;
};

// Run only as a script, so tests can import main() without side effects.
if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`new:function: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = ExitCode.failure;
    },
  );
}
