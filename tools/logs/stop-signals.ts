/**
 * Runs a command that stops when the person or the pipe is done with it: Ctrl-C (SIGINT), SIGTERM, or stdout
 * closing under it (`logs tail | head` makes the next write fail with EPIPE, which would otherwise crash the
 * process with a stack trace). All three abort the signal the command watches; nothing else changes.
 */
export const stopOnSignals = async (run: (signal: AbortSignal) => Promise<number>): Promise<number> => {
  const controller = new AbortController();
  const stop = () => controller.abort();
  const onStdoutError = (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stop();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.on('error', onStdoutError);
  try {
    return await run(controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    // Later writes to a closed pipe must stay silent too: keep a listener that only drops EPIPE.
    process.stdout.off('error', onStdoutError);
    if (controller.signal.aborted) process.stdout.on('error', () => undefined);
  }
};
