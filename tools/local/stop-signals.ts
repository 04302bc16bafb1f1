/** The signals that mean "stop": Ctrl-C, a service manager or `kill`, a closed terminal. */
const StopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface StopSignalOptions {
  /** How often the parent process is checked (ms). @default 250 */
  readonly parentPollMs?: number;
  /**
   * A second signal this soon after the first is the same request arriving twice: a terminal's Ctrl-C goes
   * to the whole foreground group (npm, this process), and npm 11 forwards the one it got to its child too.
   * Only a later one means "stop waiting". @default 1000
   */
  readonly repeatGraceMs?: number;
}

export interface StopHandlers {
  /** The first request to stop: shut down in order, then exit. */
  readonly stop: (reason: string) => void;
  /** A repeated request while stopping: exit now (the exit hooks still kill every worker). */
  readonly force: (reason: string) => void;
}

/**
 * Turns every way a local run can be asked to end into one `stop` call: SIGINT, SIGTERM and SIGHUP wherever
 * they come from (npm forwarding, the shell, `kill` on this pid), and the death of the parent process. The
 * last one covers `kill -9` of npm, or of a `tsx` wrapper: this process is then re-parented (its ppid
 * changes) and stops instead of holding the port as an orphan. Returns a function that removes the hooks.
 */
export const onStopRequest = (handlers: StopHandlers, options: StopSignalOptions = {}): (() => void) => {
  const repeatGraceMs = options.repeatGraceMs ?? 1000;
  let firstAt: number | undefined;
  const request = (reason: string) => {
    if (firstAt === undefined) {
      firstAt = Date.now();
      handlers.stop(reason);
    } else if (Date.now() - firstAt >= repeatGraceMs) handlers.force(reason);
  };
  const listeners = StopSignals.map((signal) => {
    const listener = () => request(signal);
    process.on(signal, listener);
    return [signal, listener] as const;
  });
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    request(`parent process ${parent} exited`);
  }, options.parentPollMs ?? 250);
  // The watch alone must not keep the process alive once everything else has stopped.
  watch.unref();
  return () => {
    clearInterval(watch);
    for (const [signal, listener] of listeners) process.off(signal, listener);
  };
};
