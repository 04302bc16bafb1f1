/**
 * A throw-away npm project outside the repository, installed offline: its `package-lock.json` pins the
 * registry packages it asks for at the versions this repository's lock pins (with every package they need, by
 * the same integrity), plus local tarballs (`npm pack` output). `npm ci --offline` then installs everything
 * from the npm cache `npm ci` filled here: no registry request, and no metadata either, which the cache lacks
 * (`npm ci` fetches tarballs only, so `npm install <name>` offline would fail).
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const repoRoot = join(__dirname, '..', '..');

interface LockEntry {
  readonly version?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
  readonly [key: string]: unknown;
}

/** The environment without what `npm test` exports to scripts: a nested npm must not act on this repository. */
export const cleanEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

export const npm = (args: readonly string[], cwd: string): string =>
  execFileSync('npm', args, { cwd, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Where Node would find `name` from the package at `from` (a lock key such as `node_modules/a`). */
const resolveIn = (packages: Record<string, LockEntry>, from: string, name: string): string | undefined => {
  for (let base = from; ; ) {
    const key = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (packages[key]) return key;
    if (base === '') return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent === -1 ? '' : base.slice(0, parent);
  }
};

/** What a package needs installed next to it: dependencies, optional ones, and peers it does not mark optional. */
const needs = (entry: LockEntry): string[] => [
  ...Object.keys({ ...entry.dependencies, ...entry.optionalDependencies }),
  ...Object.keys(entry.peerDependencies ?? {}).filter(
    (peer) => !entry.peerDependenciesMeta?.[peer]?.optional,
  ),
];

/** The lock entry of a tarball, from the manifest inside it. */
const tarballEntry = (project: string, file: string): [string, LockEntry] => {
  const manifest = JSON.parse(
    execFileSync('tar', ['-xzOf', file, 'package/package.json'], { encoding: 'utf8' }),
  );
  const integrity = `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
  const { name, version, license, engines, dependencies, peerDependencies, peerDependenciesMeta } = manifest;
  const resolved = `file:${relative(project, file)}`;
  const entry = {
    version,
    resolved,
    integrity,
    license,
    engines,
    dependencies,
    peerDependencies,
    peerDependenciesMeta,
  };
  return [name as string, entry];
};

/**
 * Writes `package.json` and `package-lock.json` into `project`: `registry` names (at this repository's versions)
 * and `tarballs` as dev dependencies. Returns the dev dependencies.
 */
export const writeOfflineProject = (
  project: string,
  registry: readonly string[],
  tarballs: readonly string[],
): Record<string, string> => {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8'));
  const source: Record<string, LockEntry> = lock.packages;
  const packages: Record<string, LockEntry> = {};
  const visit = (key: string): void => {
    if (packages[key]) return;
    // dev/optional flags are the project's own: npm ci recomputes them from the tree
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = source[key] as LockEntry;
    packages[key] = entry;
    for (const name of needs(entry)) {
      const found = resolveIn(source, key, name);
      if (found) visit(found);
    }
  };
  const devDependencies: Record<string, string> = {};
  for (const name of registry) {
    const key = `node_modules/${name}`;
    const version = source[key]?.version;
    if (version === undefined) throw new Error(`${name} is not in this repository's lock file`);
    devDependencies[name] = version;
    visit(key);
  }
  for (const file of tarballs) {
    const [name, entry] = tarballEntry(project, file);
    devDependencies[name] = entry.resolved as string;
    packages[`node_modules/${name}`] = entry;
    for (const dependency of needs(entry)) {
      const found = resolveIn(source, '', dependency);
      if (found) visit(found);
    }
  }
  const root = { name: 'orders-service', version: '1.0.0', private: true };
  writeFileSync(join(project, 'package.json'), JSON.stringify({ ...root, devDependencies }, null, 2));
  const projectLock = {
    ...root,
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: root.name, version: root.version, devDependencies }, ...packages },
  };
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify(projectLock, null, 2));
  return devDependencies;
};
