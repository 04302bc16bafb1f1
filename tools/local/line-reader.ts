import fs from 'node:fs';

/** CloudWatch Logs' largest event is 1 MB: a longer run without a line end is cut into lines of this size. */
export const MaxLineBytes = 1024 * 1024;
const Newline = 0x0a;
const Return = 0x0d;

export interface LineReadOptions {
  /** Start at this byte offset (a follower resuming where it stopped). @default 0 */
  readonly from?: number;
  /** Deliver a last line that has no line end yet: yes for a user's file, no for a file being appended to. */
  readonly partialLast?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * Streams the lines (without `\n` or `\r\n`) of a byte stream with the offset each starts at, one chunk in
 * memory at a time. Resolves with the offset just past the last delivered line.
 */
export const forEachLineOf = async (
  chunks: AsyncIterable<Buffer | string>,
  visit: (line: string, offset: number) => void,
  options: LineReadOptions = {},
): Promise<number> => {
  let carry: Buffer | undefined;
  let base = options.from ?? 0;
  for await (const chunk of chunks) {
    if (options.signal?.aborted) return base;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const buffer = carry ? Buffer.concat([carry, bytes]) : bytes;
    let start = 0;
    for (let end = buffer.indexOf(Newline); end >= 0; end = buffer.indexOf(Newline, start)) {
      const stop = end > start && buffer[end - 1] === Return ? end - 1 : end;
      visit(buffer.toString('utf8', start, stop), base + start);
      start = end + 1;
    }
    while (buffer.length - start > MaxLineBytes) {
      visit(buffer.toString('utf8', start, start + MaxLineBytes), base + start);
      start += MaxLineBytes;
    }
    carry = start < buffer.length ? buffer.subarray(start) : undefined;
    base += start;
  }
  if (carry && options.partialLast && !options.signal?.aborted) {
    visit(carry.toString('utf8'), base);
    base += carry.length;
  }
  return base;
};

/** `forEachLineOf` over a file (from `options.from`), never holding the whole file. */
export const forEachLine = async (
  file: string,
  visit: (line: string, offset: number) => void,
  options: LineReadOptions = {},
): Promise<number> => {
  const stream = fs.createReadStream(file, { start: options.from ?? 0, highWaterMark: 256 * 1024 });
  try {
    return await forEachLineOf(stream, visit, options);
  } finally {
    stream.destroy();
  }
};
