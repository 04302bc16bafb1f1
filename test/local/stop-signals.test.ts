import { onStopRequest } from '../../tools/local/stop-signals';

/**
 * How a stop request is recognized, in-process: signals are emitted on `process` (the listeners run as for a
 * real signal) and time is faked, so the repeat window is exact.
 */
describe('stop requests', () => {
  let remove: (() => void) | undefined;
  const calls: string[] = [];
  const listen = () => {
    remove = onStopRequest({
      stop: (reason) => calls.push(`stop ${reason}`),
      force: (reason) => calls.push(`force ${reason}`),
    });
  };

  beforeEach(() => {
    jest.useFakeTimers();
    calls.length = 0;
  });
  afterEach(() => {
    remove?.();
    jest.useRealTimers();
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('stops on %s', (signal) => {
    listen();
    process.emit(signal, signal);
    expect(calls).toEqual([`stop ${signal}`]);
  });

  it('takes the copy npm forwards right after the terminal one as the same request, a later one as force', () => {
    listen();
    process.emit('SIGINT', 'SIGINT');
    process.emit('SIGINT', 'SIGINT');
    jest.advanceTimersByTime(999);
    process.emit('SIGINT', 'SIGINT');
    expect(calls).toEqual(['stop SIGINT']);
    jest.advanceTimersByTime(1);
    process.emit('SIGTERM', 'SIGTERM');
    expect(calls).toEqual(['stop SIGINT', 'force SIGTERM']);
  });

  it('removes its listeners, so a later run is not stopped by an old one', () => {
    const before = process.listenerCount('SIGTERM');
    listen();
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    remove?.();
    remove = undefined;
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});
