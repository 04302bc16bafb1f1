import { setLogSink } from '@cream/logging';

/** Every line the layer wrote while capturing, with the time each was written (for deadline checks). */
export interface CapturedOutput {
  readonly lines: string[];
  readonly writtenAt: number[];
  /** Lines parsed as JSON objects; a line that does not parse throws, which is itself the failure. */
  records(): Record<string, unknown>[];
  /** Forget what was captured so far (one capture can serve thousands of generated cases). */
  clear(): void;
  stop(): void;
}

/** Routes the layer's sink into memory: the layer's own injection point, no console spying. */
export const captureOutput = (): CapturedOutput => {
  const lines: string[] = [];
  const writtenAt: number[] = [];
  setLogSink((line) => {
    lines.push(line);
    writtenAt.push(Date.now());
  });
  return {
    lines,
    writtenAt,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    clear: () => {
      lines.length = 0;
      writtenAt.length = 0;
    },
    stop: () => setLogSink(undefined),
  };
};
