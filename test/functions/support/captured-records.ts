import { setLogSink } from '@cream/logging';

export type LogRecord = Record<string, unknown> & { message: string; level: string };

/**
 * Captures every line the layer writes, parsed. Each line must be one JSON object: a line that does not parse
 * fails the test that produced it rather than disappearing.
 */
export const captureRecords = () => {
  const lines: string[] = [];
  const records: LogRecord[] = [];
  return {
    lines,
    records,
    start(): void {
      lines.length = 0;
      records.length = 0;
      setLogSink((line) => {
        lines.push(line);
        records.push(JSON.parse(line) as LogRecord);
      });
    },
    stop(): void {
      setLogSink(undefined);
    },
    /** Records of one catalog event, in order. */
    named(message: string): LogRecord[] {
      return records.filter((record) => record.message === message);
    },
  };
};
