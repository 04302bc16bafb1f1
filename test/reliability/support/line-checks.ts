/** Bytes Lambda ships per record line at most; the layer promises to stay under it. */
export const lambdaLineLimit = 256 * 1024;

/** Throws, naming the line, unless every line is one JSON object within `maxBytes` and has no raw newline. */
export const expectValidLines = (lines: readonly string[], maxBytes = lambdaLineLimit): void => {
  for (const line of lines) {
    const bytes = Buffer.byteLength(line, 'utf8');
    if (bytes > maxBytes)
      throw new Error(`line of ${bytes} bytes exceeds ${maxBytes}: ${line.slice(0, 200)}`);
    if (/[\n\r]/.test(line)) throw new Error(`line contains a raw line break: ${line.slice(0, 200)}`);
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new Error(`line is not a JSON object: ${line.slice(0, 200)}`);
    }
    // round-trip through UTF-8: a lone surrogate would come back as U+FFFD and change the line
    if (Buffer.from(line, 'utf8').toString('utf8') !== line)
      throw new Error('line is not well-formed UTF-16');
  }
};
