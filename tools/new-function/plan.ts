/**
 * What `new:function` will write, checked against the project: the name free as a folder and in the registry,
 * every route free in the registry (as API Gateway compares routes), the registry's marker line in place.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pascalCase } from '../../lib/function-registry';
import { functionShape } from './function-shape';
import { handlerSource, storeModule, storeSource } from './handler-templates';
import type { NewFunctionOptions } from './options';
import {
  insertEntry,
  loadRegistry,
  type NewEntry,
  type RegisteredFunction,
  RegistryPath,
} from './registry-file';
import { routeIdentity } from './route-keys';
import { testSource } from './test-template';
import type { PlannedFile } from './write-files';

export type Planned =
  | { readonly kind: 'plan'; readonly files: readonly PlannedFile[]; readonly entry: NewEntry }
  /** The arguments conflict with the project (exit 2). */
  | { readonly kind: 'usage'; readonly problem: string }
  /** The project cannot take a function this way (exit 1). */
  | { readonly kind: 'failure'; readonly problem: string };

export type RegistryLoader = (file: string) => readonly RegisteredFunction[] | { readonly problem: string };

/** The registry entry owning a route the same as `key` to API Gateway, if any. */
const routeOwner = (registry: readonly RegisteredFunction[], key: string) =>
  registry
    .flatMap((entry) => entry.routes.map((route) => ({ entry, route })))
    .find(({ route }) => routeIdentity(route) === routeIdentity(key));

export const planFunction = (options: NewFunctionOptions, load: RegistryLoader = loadRegistry): Planned => {
  const root = options.projectRoot;
  const registryFile = path.join(root, RegistryPath);
  if (!fs.existsSync(registryFile)) {
    return { kind: 'failure', problem: `no ${RegistryPath} in ${root}: is --project-root a Cream project?` };
  }
  const { name } = options;
  const folders = [`functions/${name}`, `test/functions/${name}`];
  const taken = folders.find((folder) => fs.existsSync(path.join(root, folder)));
  if (taken) return { kind: 'usage', problem: `${taken} already exists; choose another --name` };

  const registry = load(registryFile);
  if ('problem' in registry) return { kind: 'failure', problem: registry.problem };
  if (registry.some((entry) => entry.name === name)) {
    return { kind: 'usage', problem: `${RegistryPath} already has a function named ${name}` };
  }
  // The construct id (and so every logical id) is PascalCase(name): `x-1` and `x1` would collide.
  const sameId = registry.find((entry) => pascalCase(entry.name) === pascalCase(name));
  if (sameId) {
    return {
      kind: 'usage',
      problem: `--name ${name} gives the construct id ${pascalCase(name)} of ${sameId.name}; choose another`,
    };
  }
  for (const route of options.routes) {
    const owner = routeOwner(registry, route.key);
    if (owner) {
      const same = owner.route === route.key ? '' : ` (as ${owner.route}: API Gateway sees them as one)`;
      return { kind: 'usage', problem: `route ${route.key} belongs to ${owner.entry.name} already${same}` };
    }
  }

  const entry: NewEntry = {
    name,
    description: options.description,
    routes: options.routes.map((route) => route.key),
    ...(options.memorySize === undefined ? {} : { memorySize: options.memorySize }),
    ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
  };
  const original = fs.readFileSync(registryFile, 'utf8');
  const updated = insertEntry(original, entry);
  if (typeof updated !== 'string') return { kind: 'failure', problem: updated.problem };

  const shape = functionShape(name, options.description, options.routes);
  const files: PlannedFile[] = [
    { path: `functions/${name}/index.ts`, text: handlerSource(shape) },
    ...(shape.key
      ? [{ path: `functions/${name}/${storeModule(shape)}.ts`, text: storeSource(shape, shape.key) }]
      : []),
    { path: `test/functions/${name}/${name}-handler.test.ts`, text: testSource(shape) },
    { path: RegistryPath.split(path.sep).join('/'), text: updated, original },
  ];
  return { kind: 'plan', files, entry };
};
