import fs from 'node:fs';
import path from 'node:path';
import { eventTimeOf } from '../local/event-time';
import { forEachLine } from '../local/line-reader';
import { logGroupDirName } from '../local/log-store';
import { dayFilesOf } from '../local/stored-events';

/** One line as it reached the store. */
export interface FollowedLine {
  readonly logGroupName: string;
  readonly line: string;
  readonly time: number;
}

export interface FollowOptions {
  readonly root: string;
  readonly logGroupNames: readonly string[];
  /** Print stored lines from this time on first; without it, only lines appended from now on. */
  readonly since?: number;
  /** A scan for appended lines this often, whatever the file watchers say (they can miss events). */
  readonly pollMs?: number;
  readonly onLine: (line: FollowedLine) => void;
}

export interface Follower {
  /** Resolves once the history (`since`) has been printed and the files are watched. */
  readonly ready: Promise<void>;
  close(): void;
}

/**
 * Follows the local store's day files as records are appended (`fs.watch` on each group directory and on the
 * store root, plus a periodic scan), delivering each complete line once, in file order per group. A new day
 * file is read from its start; a line still being written waits for its line end.
 */
export const followStore = (options: FollowOptions): Follower => {
  const offsets = new Map<string, number>();
  const watched = new Map<string, fs.FSWatcher>();
  let closed = false;

  /** Delivers the lines of a group's day files past their known offsets (a new file from its start). */
  const readGroup = async (
    name: string,
    deliver: (line: FollowedLine) => void = options.onLine,
    since = Number.NEGATIVE_INFINITY,
  ) => {
    for (const { file } of dayFilesOf(options.root, name)) {
      if (closed) return;
      const from = offsets.get(file) ?? 0;
      const size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
      if (size <= from) continue;
      const next = await forEachLine(
        file,
        (line) => {
          if (closed || line === '') return;
          const time = eventTimeOf(line) ?? Date.now();
          if (time >= since) deliver({ logGroupName: name, line, time });
        },
        { from },
      );
      offsets.set(file, next);
    }
  };

  const watch = (directory: string) => {
    if (closed || watched.has(directory) || !fs.existsSync(directory)) return;
    try {
      const watcher = fs.watch(directory, () => void scan());
      watcher.on('error', () => undefined);
      watched.set(directory, watcher);
    } catch {
      // Gone again: the periodic scan covers it.
    }
  };

  // One read at a time, in order: a line is delivered once even when watch events and the timer coincide.
  let queue = Promise.resolve();
  const scan = () => {
    queue = queue.then(async () => {
      for (const name of options.logGroupNames) {
        watch(path.join(options.root, logGroupDirName(name)));
        await readGroup(name);
      }
    });
    return queue;
  };

  // Where each file ends now: history from `since` up to here (all groups in time order), then what is appended.
  queue = (async () => {
    const history: FollowedLine[] = [];
    for (const name of options.logGroupNames) {
      if (options.since !== undefined) await readGroup(name, (line) => history.push(line), options.since);
      else for (const { file } of dayFilesOf(options.root, name)) offsets.set(file, fs.statSync(file).size);
    }
    for (const line of history.sort((a, b) => a.time - b.time)) if (!closed) options.onLine(line);
    fs.mkdirSync(options.root, { recursive: true });
    watch(options.root);
  })();
  const ready = scan();
  const timer = setInterval(() => void scan(), options.pollMs ?? 500);
  return {
    ready,
    close() {
      closed = true;
      clearInterval(timer);
      for (const watcher of watched.values()) watcher.close();
    },
  };
};
