import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type FileOps,
  nodeFileOps,
  type PlannedFile,
  writeFiles,
} from '../../tools/new-function/write-files';
import { treeOf } from './project-copy';

/** A small project: the registry and one function, as the command finds them. */
const makeProject = (): string => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-new-function-write-'));
  fs.mkdirSync(path.join(root, 'lib'));
  fs.mkdirSync(path.join(root, 'functions', 'login'), { recursive: true });
  fs.mkdirSync(path.join(root, 'test'));
  fs.writeFileSync(path.join(root, 'lib', 'functions.ts'), 'export const functions = [];\n');
  fs.writeFileSync(path.join(root, 'functions', 'login', 'index.ts'), 'export {};\n');
  return root;
};

const files: PlannedFile[] = [
  { path: 'functions/orders/index.ts', text: 'export const handler = 1;\n' },
  { path: 'functions/orders/orders-store.ts', text: 'export const store = 1;\n' },
  // test/functions does not exist yet: it is created whole, and removed whole on rollback
  { path: 'test/functions/orders/orders-handler.test.ts', text: "it('works', () => {});\n" },
  {
    path: 'lib/functions.ts',
    text: "export const functions = [{ name: 'orders' }];\n",
    original: 'export const functions = [];\n',
  },
];

/** Node's file system, with the rename into `failAt` (relative) failing as a full disk or a lost race would. */
const failingRename = (root: string, failAt: string): FileOps => ({
  ...nodeFileOps,
  rename: (from, to) => {
    if (path.relative(root, to) === path.normalize(failAt)) throw new Error(`EIO: rename to ${failAt}`);
    nodeFileOps.rename(from, to);
  },
});

const roots: string[] = [];
const project = (): string => {
  const root = makeProject();
  roots.push(root);
  return root;
};
afterAll(() => {
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

/** Every path under the root, hidden staging folders included. */
const everything = (root: string): string[] =>
  (fs.readdirSync(root, { recursive: true }) as string[]).map((entry) => entry.toString()).sort();

describe('writing the scaffolded files', () => {
  it('moves every file into place, the registry updated', () => {
    const root = project();

    writeFiles(root, files);

    for (const file of files) expect(fs.readFileSync(path.join(root, file.path), 'utf8')).toBe(file.text);
    expect(everything(root).filter((entry) => entry.includes('.new-function-'))).toEqual([]);
  });

  it.each([
    ['the first folder', 'functions/orders'],
    ['the second folder', 'test/functions'],
    ['the registry', 'lib/functions.ts'],
  ])('leaves the project exactly as it was when moving %s fails', (_, failAt) => {
    const root = project();
    const before = treeOf(root);
    const listing = everything(root);

    expect(() => writeFiles(root, files, failingRename(root, failAt))).toThrow(`EIO: rename to ${failAt}`);

    expect(treeOf(root)).toEqual(before);
    expect(everything(root)).toEqual(listing);
  });

  it('refuses to add files to a folder that exists', () => {
    const root = project();
    const before = treeOf(root);

    expect(() => writeFiles(root, [{ path: 'functions/login/extra.ts', text: '' }])).toThrow(
      'functions/login/extra.ts: its folder exists already',
    );
    expect(treeOf(root)).toEqual(before);
  });
});
