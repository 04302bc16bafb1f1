/**
 * All or nothing: every new folder is written complete under a hidden staging name next to its place, an
 * updated file next to itself, and only then are they renamed into place, the registry last. A failure on
 * the way removes what was moved and restores what was replaced, so the project is never left half-scaffolded
 * (a registry entry without its folder would break the next synth).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface PlannedFile {
  /** Relative to the project root, `/`-separated. */
  readonly path: string;
  readonly text: string;
  /** The file's content before (an update); undefined for a file the command creates. */
  readonly original?: string;
}

/** The file-system calls used, so a test can make one fail half-way. */
export interface FileOps {
  readonly mkdir: (dir: string) => void;
  readonly writeFile: (file: string, text: string) => void;
  readonly rename: (from: string, to: string) => void;
  readonly remove: (target: string) => void;
  readonly exists: (target: string) => boolean;
}

export const nodeFileOps: FileOps = {
  mkdir: (dir) => fs.mkdirSync(dir, { recursive: true }),
  writeFile: (file, text) => fs.writeFileSync(file, text),
  rename: (from, to) => fs.renameSync(from, to),
  remove: (target) => fs.rmSync(target, { recursive: true, force: true }),
  exists: (target) => fs.existsSync(target),
};

/** One rename into place: a whole new folder, or an updated file. */
interface Move {
  readonly staged: string;
  readonly target: string;
  /** For an updated file: what to write back on rollback. */
  readonly original?: string;
}

/** The new top folder a created file lands in (`functions/orders`), the first path segment that is missing. */
const newFolderOf = (root: string, file: string, ops: FileOps): string => {
  const parts = file.split('/');
  for (let depth = 1; depth < parts.length; depth += 1) {
    const folder = parts.slice(0, depth).join('/');
    if (!ops.exists(path.join(root, folder))) return folder;
  }
  throw new Error(`${file}: its folder exists already; refusing to add files to it`);
};

const stagingName = (target: string): string =>
  path.join(path.dirname(target), `.${path.basename(target)}.new-function-${process.pid}`);

/** Writes every file (see the module comment); throws, after rolling back, when any step fails. */
export const writeFiles = (root: string, files: readonly PlannedFile[], ops: FileOps = nodeFileOps): void => {
  const moves: Move[] = [];
  const folders = new Map<string, string>();
  for (const file of files) {
    if (file.original !== undefined) continue;
    const folder = newFolderOf(root, file.path, ops);
    if (!folders.has(folder)) folders.set(folder, stagingName(path.join(root, folder)));
  }
  for (const [folder, staged] of folders) moves.push({ staged, target: path.join(root, folder) });
  for (const file of files) {
    if (file.original === undefined) continue;
    const target = path.join(root, file.path);
    moves.push({ staged: stagingName(target), target, original: file.original });
  }

  const done: Move[] = [];
  try {
    for (const file of files) {
      if (file.original !== undefined) {
        ops.writeFile(stagingName(path.join(root, file.path)), file.text);
        continue;
      }
      const folder = [...folders.keys()].find((candidate) => file.path.startsWith(`${candidate}/`))!;
      const staged = path.join(folders.get(folder)!, file.path.slice(folder.length + 1));
      ops.mkdir(path.dirname(staged));
      ops.writeFile(staged, file.text);
    }
    for (const move of moves) {
      if (move.original === undefined && ops.exists(move.target)) {
        throw new Error(`${path.relative(root, move.target)} appeared while writing; nothing was changed`);
      }
      ops.rename(move.staged, move.target);
      done.push(move);
    }
  } catch (error) {
    rollBack(done, moves, ops);
    throw error;
  }
};

/** Undoes the moves made, newest first, and removes every staged copy; best effort, never throws. */
const rollBack = (done: readonly Move[], moves: readonly Move[], ops: FileOps): void => {
  for (const move of [...done].reverse()) {
    try {
      if (move.original === undefined) ops.remove(move.target);
      else ops.writeFile(move.target, move.original);
    } catch {
      // keep undoing the others; the error that started the rollback is the one reported
    }
  }
  for (const move of moves) {
    try {
      ops.remove(move.staged);
    } catch {
      // as above
    }
  }
};
