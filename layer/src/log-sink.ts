/**
 * Where finished record lines go. Stdout by default; tests inject a function and compare whole records
 * (Middy's input-output-logger style), so nothing spies on the console.
 */

export type LogSink = (line: string) => void;

let sink: LogSink | undefined;

/** Send every record line to `next`; `undefined` restores stdout. */
export const setLogSink = (next: LogSink | undefined): void => {
  sink = next;
};

/** Writes one line; a failing sink must never reach the handler, so errors fall back to stdout. */
export const writeLine = (line: string): void => {
  try {
    if (sink) {
      sink(line);
      return;
    }
  } catch {
    // a broken test sink or closed pipe: fall through to stdout below
  }
  try {
    process.stdout.write(`${line}\n`);
  } catch {
    // stdout gone (EPIPE): nothing left to log to, and logging must not throw
  }
};

/**
 * The console the Powertools Logger prints through. Powertools calls `console[level](json)` for direct and
 * for flushed buffered records, so replacing the console is the one place that catches both.
 */
export const sinkConsole = {
  debug: writeLine,
  info: writeLine,
  warn: writeLine,
  error: writeLine,
  log: writeLine,
  trace: writeLine,
};
