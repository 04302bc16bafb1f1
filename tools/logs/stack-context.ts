import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../cli/parse';
import { type LogGroupModel, loadStackModel, readCdkOut, type StackModel } from '../cloud-assembly';
import { accessLogDestination } from '../local/access-log';
import type { SavedQueryView } from '../local/web/api-types';
import { stackSavedQueries } from '../local/web/saved-queries';

const projectRoot = path.resolve(__dirname, '../..');

/** Where the local runtime keeps its state and the synthesized stack: `npm start`'s defaults. */
export const defaultHome = (): string => path.resolve(projectRoot, process.env.CREAM_HOME ?? '.cream');
export const defaultCdkOut = (): string => path.resolve(projectRoot, process.env.CREAM_CDK_OUT ?? 'cdk.out');

export interface StackOptions {
  readonly cdkOut?: string;
  /** The stack in the assembly (and on AWS); its only stack when absent or when no stack has that name. */
  readonly stack?: string;
  /** Progress for a person (stderr). */
  readonly say: (text: string) => void;
}

/** The synthesized stack: `--cdk-out`, else the project's cdk.out, synthesized first only when missing. */
export const loadStack = async (options: StackOptions): Promise<StackModel> => {
  const dir = path.resolve(options.cdkOut ?? defaultCdkOut());
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    if (options.cdkOut !== undefined) throw new UsageError(`no cloud assembly in ${dir} (no manifest.json)`);
    options.say(`synthesizing the stack into ${dir} (cdk synth, once)...`);
    const { synthesize } = await import('../verify/synthesize');
    await synthesize(dir);
  }
  let stackName = options.stack;
  if (stackName !== undefined) {
    try {
      readCdkOut(dir, stackName);
    } catch {
      stackName = undefined; // Another deployment of the same app: the assembly's only stack.
    }
  }
  return loadStackModel(dir, { stackName });
};

/** Every name a person may call a log group by, the group's own name first. */
const aliasesOf = (model: StackModel, group: LogGroupModel): string[] => {
  const aliases = [group.name, group.logicalId];
  for (const fn of model.functions.filter((candidate) => candidate.logGroupName === group.name)) {
    aliases.push(fn.logicalId, fn.functionName);
    const service = fn.environment.POWERTOOLS_SERVICE_NAME;
    if (service) aliases.push(service);
  }
  const access = accessLogDestination(model);
  if (access?.logGroupName === group.name) aliases.push(access.apiLogicalId, 'access');
  return [...new Set(aliases)];
};

/** The stack's groups with their aliases, for messages: `/aws/lambda/Login (login, LoginFunction)`. */
export const describeGroups = (model: StackModel): string =>
  model.logGroups
    .map((group) => {
      const others = aliasesOf(model, group).slice(1);
      return `  ${group.name}${others.length ? ` (${others.join(', ')})` : ''}`;
    })
    .join('\n');

/**
 * `--group` values to the stack's log groups: the exact group name, its logical id, or the function writing
 * to it by logical id, function name or service name (`login`), or `access` for the HTTP API's access log.
 * Undefined for a value that names none of them.
 */
export const matchGroup = (model: StackModel, value: string): LogGroupModel | undefined =>
  model.logGroups.find((group) => aliasesOf(model, group).includes(value)) ??
  model.logGroups.find((group) =>
    aliasesOf(model, group).some((alias) => alias.toLowerCase() === value.toLowerCase()),
  );

/** Every `--group` must name a group of the stack; the error lists the ones it has. */
export const resolveGroups = (model: StackModel, values: readonly string[]): LogGroupModel[] => {
  const groups = values.map((value) => {
    const group = matchGroup(model, value);
    if (!group)
      throw new UsageError(
        `no log group ${JSON.stringify(value)} in stack ${model.stackName}; it has:\n${describeGroups(model)}`,
      );
    return group;
  });
  return [...new Set(groups)];
};

/** The display name of a saved query: its name without the console folder (`Cream/`). */
const displayName = (name: string): string => name.slice(name.lastIndexOf('/') + 1);

/** A saved query of the stack by name, with or without its folder, in any case; the error lists them all. */
export const findSavedQuery = (model: StackModel, name: string): SavedQueryView => {
  const saved = stackSavedQueries(model);
  const wanted = name.trim().toLowerCase();
  const matches = saved.filter(
    (query) => query.name.toLowerCase() === wanted || displayName(query.name).toLowerCase() === wanted,
  );
  if (matches.length === 1) return matches[0];
  const list = saved.map((query) => `  ${query.name}`).join('\n') || '  (none)';
  throw new UsageError(
    matches.length === 0
      ? `no saved query ${JSON.stringify(name)} in stack ${model.stackName}; it has:\n${list}`
      : `${JSON.stringify(name)} names several saved queries; give the folder too:\n${matches.map((query) => `  ${query.name}`).join('\n')}`,
  );
};
