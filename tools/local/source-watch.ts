import fs from 'node:fs';
import path from 'node:path';

/** Build output, dependencies and editor scratch files: changes there are never a reason to reload. */
const ignoredDirs = new Set(['node_modules', 'dist', 'cdk.out', 'coverage', '.git']);
const ignoredFile = /(^\.|~$|\.sw[a-z]$|^4913$|\.tmp$|\.map$)/;

export const isWatchedPath = (relative: string): boolean => {
  const parts = relative.split(/[\\/]/);
  return !parts.slice(0, -1).some((dir) => ignoredDirs.has(dir)) && !ignoredFile.test(parts.at(-1) ?? '');
};

export interface SourceWatch {
  close(): void;
}

/** Quiet time after the last change before a batch is handed over: an editor's save is several events. */
const DefaultDebounceMs = 150;

/**
 * Watches directories recursively (`fs.watch`, recursive on Linux since Node 20) and reports changed files
 * in batches, once the changes have settled. Directories that do not exist are skipped; a watcher that
 * fails reports to `onError` and the runtime keeps running without it.
 */
export const watchSources = (
  dirs: readonly string[],
  onChange: (files: string[]) => void,
  onError: (error: Error) => void,
  debounceMs = DefaultDebounceMs,
): SourceWatch => {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const watchers = dirs
    .filter((dir) => fs.existsSync(dir))
    .map((dir) =>
      fs
        .watch(dir, { recursive: true }, (_event, name) => {
          if (!name || !isWatchedPath(name)) return;
          pending.add(path.join(dir, name));
          clearTimeout(timer);
          timer = setTimeout(() => {
            const files = [...pending];
            pending.clear();
            onChange(files);
          }, debounceMs);
        })
        // e.g. ENOSPC when the inotify watch limit is reached: report it, never crash the runtime.
        .on('error', onError),
    );
  return {
    close: () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
};
