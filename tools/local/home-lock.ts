import fs from 'node:fs';
import path from 'node:path';

export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One running `npm start` per state directory: LevelDB (under dynalite) allows a single opener and fails
 * later with an opaque "Database is not open". A pid file turns that into a clear error at startup; a file
 * left by a process that no longer exists (a crash, a kill -9) is taken over.
 */
export const lockHome = (home: string): (() => void) => {
  const file = path.join(home, 'runtime.pid');
  const owner = fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').trim()) : undefined;
  if (owner && owner !== process.pid && isAlive(owner)) {
    throw new Error(`${home} is in use by another npm start (pid ${owner}); stop it, or pass --home DIR`);
  }
  fs.writeFileSync(file, `${process.pid}\n`);
  return () => {
    if (fs.existsSync(file) && Number(fs.readFileSync(file, 'utf8').trim()) === process.pid) fs.rmSync(file);
  };
};
