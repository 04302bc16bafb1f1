/** `npm run new:function` options: the `--help` text and the checks that need nothing but the arguments. */
import path from 'node:path';
import type { CommandSpec } from '../cli/parse';
import { nameProblem } from './function-name';
import { parseRouteKey, type RouteKey, routeIdentity } from './route-keys';

/** Lambda's limits for memory (MB) and description length. */
const MemoryRange = { min: 128, max: 10_240 } as const;
const MaxDescriptionLength = 256;
/** An HTTP API ends the request at 30 s whatever the function's timeout: a longer one only hides timeouts. */
const TimeoutRange = { min: 1, max: 30 } as const;
const ThisProject = path.resolve(__dirname, '..', '..');

export const newFunctionCommand: CommandSpec = {
  usage: 'npm run new:function -- --name NAME --route "METHOD /path" [--route ...] [options]',
  summary:
    'Scaffolds functions/NAME (a handler on the @cream/logging layer) and its unit test, and registers it in\n' +
    'lib/functions.ts, from which the stack gives it its log group, alarms, dashboard, queries and archive.',
  options: {
    name: {
      type: 'string',
      valueName: 'NAME',
      description:
        'kebab-case name: the folder, the service in its records, the stem of its log group and alarms',
    },
    route: {
      type: 'string',
      multiple: true,
      valueName: '"METHOD /path"',
      description: "an HTTP API route it answers, e.g. 'GET /orders/{id}'; repeat for more (one at least)",
    },
    memory: {
      type: 'string',
      valueName: 'MB',
      description: `memory size, ${MemoryRange.min} to ${MemoryRange.max} MB (default 256)`,
    },
    timeout: {
      type: 'string',
      valueName: 'SECONDS',
      description: `timeout, ${TimeoutRange.min} to ${TimeoutRange.max} s: an HTTP API ends requests at 30 s (default 10)`,
    },
    description: {
      type: 'string',
      valueName: 'TEXT',
      description: 'the Lambda description, one line (default: its routes and name)',
    },
    'dry-run': {
      type: 'boolean',
      description: 'print the files and the registry entry it would write; write nothing',
    },
    'project-root': {
      type: 'string',
      valueName: 'DIR',
      description: 'the project to add the function to (default: this repository)',
    },
  },
  notes: [
    'Examples:',
    '  npm run new:function -- --name orders --route "GET /orders/{id}"',
    '  npm run new:function -- --name invoices --route "GET /invoices/{invoiceId}" --route "POST /invoices" --memory 512',
    '',
    'Writes functions/NAME/index.ts (plus NAME-store.ts, a DynamoDB read, when a route has a {param}),',
    'test/functions/NAME/NAME-handler.test.ts and one entry above the marker line of lib/functions.ts: all of it',
    'or nothing. A name or route the registry already has, or an existing folder, is refused.',
    'Exit codes: 0 written (or printed with --dry-run), 1 failed (nothing written), 2 usage error.',
  ],
};

export interface NewFunctionOptions {
  readonly name: string;
  readonly routes: readonly RouteKey[];
  readonly description: string;
  readonly memorySize?: number;
  readonly timeoutSeconds?: number;
  readonly dryRun: boolean;
  readonly projectRoot: string;
}

interface Values {
  name?: string;
  route?: string[];
  memory?: string;
  timeout?: string;
  description?: string;
  'dry-run'?: boolean;
  'project-root'?: string;
}

/** A whole number within the range, or the problem with the option's value. */
const integerIn = (
  option: string,
  text: string | undefined,
  range: { min: number; max: number },
  unit: string,
): number | undefined | { problem: string } => {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < range.min || value > range.max) {
    return {
      problem: `--${option} must be a whole number of ${unit} from ${range.min} to ${range.max}, not ${text}`,
    };
  }
  return value;
};

/** The default description is made of routes, which are checked already: only its length can be wrong. */
const descriptionProblem = (description: string, given: boolean): string | undefined => {
  if (description.trim() === '') return '--description must not be empty';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(description))
    return '--description must be one line, without control characters';
  if (description.length <= MaxDescriptionLength) return undefined;
  return given
    ? `--description is longer than Lambda's ${MaxDescriptionLength} characters`
    : `the default description (the routes) is longer than Lambda's ${MaxDescriptionLength} characters; pass a shorter --description`;
};

/** Checks the arguments on their own (the project is checked later); returns the options or a usage problem. */
export const readOptions = (values: Values): NewFunctionOptions | string => {
  if (values.name === undefined) return '--name is required';
  const name = values.name;
  const bad = nameProblem(name);
  if (bad) return bad;
  const texts = values.route ?? [];
  if (texts.length === 0) return "--route is required, e.g. --route 'GET /orders/{id}'";
  const routes: RouteKey[] = [];
  for (const text of texts) {
    const route = parseRouteKey(text);
    if (typeof route === 'string') return route;
    const same = routes.find((other) => routeIdentity(other.key) === routeIdentity(route.key));
    if (same) return `--route ${route.key} is given twice (API Gateway sees ${same.key} as the same route)`;
    routes.push(route);
  }
  const memorySize = integerIn('memory', values.memory, MemoryRange, 'MB');
  if (typeof memorySize === 'object') return memorySize.problem;
  const timeoutSeconds = integerIn('timeout', values.timeout, TimeoutRange, 'seconds');
  if (typeof timeoutSeconds === 'object') return timeoutSeconds.problem;
  const description =
    values.description?.trim() ?? `${routes.map((route) => route.key).join(', ')}: the ${name} function`;
  const badDescription = descriptionProblem(
    values.description ?? description,
    values.description !== undefined,
  );
  if (badDescription) return badDescription;
  return {
    name,
    routes,
    description,
    ...(memorySize === undefined ? {} : { memorySize }),
    ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
    dryRun: values['dry-run'] ?? false,
    projectRoot: path.resolve(values['project-root'] ?? ThisProject),
  };
};
