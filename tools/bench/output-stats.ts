import { readFileSync } from 'node:fs';

/** What the measured calls of one run wrote to stdout. */
export interface OutputStats {
  readonly linesPerRequest: number;
  readonly bytesPerRequest: number;
  /** Lines that are not a JSON object: every line a logger writes must parse. */
  readonly invalidLines: number;
  /** The lines written by the last request, for the report's samples. */
  readonly lastRequest: readonly string[];
}

/** Reads the stdout file of a warm run from the byte where the measured phase began, and checks every line. */
export const outputStats = (path: string, fromByte: number, calls: number): OutputStats => {
  const tail = readFileSync(path).subarray(Math.max(0, fromByte));
  const lines = tail.toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  let invalidLines = 0;
  for (const line of lines) if (!isJsonObject(line)) invalidLines++;
  const perRequest = Math.round(lines.length / calls);
  return {
    linesPerRequest: lines.length / calls,
    bytesPerRequest: tail.length / calls,
    invalidLines,
    lastRequest: perRequest > 0 ? lines.slice(-perRequest) : [],
  };
};

const isJsonObject = (line: string): boolean => {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
};
