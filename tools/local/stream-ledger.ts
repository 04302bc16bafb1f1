import fs from 'node:fs';

/** A run of consecutive lines of one stream, from this byte offset of the day file on. */
interface Run {
  readonly from: number;
  readonly stream: string;
}

const sizeOf = (file: string): number => {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
};

/**
 * Which log stream each stored line came from. The day files hold the records exactly as CloudWatch shows
 * them (one JSON object per line, nothing added), so the stream names live here instead: in memory, as runs
 * of byte offsets per file, for the lines this process appended. Lines written before (an earlier run) have
 * no known stream, as the store reports them.
 */
export class StreamLedger {
  private readonly files = new Map<string, { size: number; runs: Run[] }>();

  /** Call before appending `bytes` bytes of `stream`'s line to `file`. */
  record(file: string, stream: string, bytes: number): void {
    let entry = this.files.get(file);
    if (!entry) {
      entry = { size: sizeOf(file), runs: [] };
      this.files.set(file, entry);
    }
    if (entry.runs.at(-1)?.stream !== stream) entry.runs.push({ from: entry.size, stream });
    entry.size += bytes;
  }

  /**
   * A lookup for one pass over `file` in offset order (each call's offset at or after the previous one's):
   * the stream of the line starting at that offset, or `unknown` for lines this process did not write.
   */
  reader(file: string, unknown: string): (offset: number) => string {
    const runs = this.files.get(file)?.runs ?? [];
    let index = -1;
    return (offset) => {
      while (index + 1 < runs.length && runs[index + 1].from <= offset) index++;
      return index < 0 ? unknown : runs[index].stream;
    };
  }

  forget(file: string): void {
    this.files.delete(file);
  }
}
