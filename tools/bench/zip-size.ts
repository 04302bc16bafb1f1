import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { deflateRawSync } from 'node:zlib';

/**
 * Size in bytes of a zip archive of `dir` (what Lambda's layer limits and upload see): each file deflated with
 * node:zlib's raw deflate at level 9 (stored if that is larger), plus the fixed zip headers of a minimal writer
 * (no directory entries, no extra fields). The archive is only sized, never written, so no `zip` binary is needed.
 */
export const zipSize = (dir: string): number => {
  const files = listFiles(dir);
  let local = 0;
  let central = 0;
  for (const file of files) {
    const name = Buffer.byteLength(relative(dir, file).split(sep).join('/'));
    const data = readFileSync(file);
    const deflated = deflateRawSync(data, { level: 9 });
    const stored = Math.min(deflated.length, data.length); // writers store incompressible files as-is
    local += LOCAL_HEADER + name + stored;
    central += CENTRAL_HEADER + name;
  }
  return local + central + END_OF_CENTRAL_DIRECTORY;
};

/** Fixed record sizes of the zip format (APPNOTE 4.3.7, 4.3.12, 4.3.16), without extra fields or comments. */
const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const END_OF_CENTRAL_DIRECTORY = 22;

const listFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? listFiles(path) : [path];
    });
