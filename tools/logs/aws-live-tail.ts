import {
  type CloudWatchLogsClient,
  type LiveTailSessionLogEvent,
  StartLiveTailCommand,
} from '@aws-sdk/client-cloudwatch-logs';

export interface LiveTailRequest {
  /** StartLiveTail takes log groups by ARN (at most 10). */
  readonly logGroupArns: readonly string[];
  readonly filterPattern?: string;
}

export interface LiveTailHooks {
  readonly signal?: AbortSignal;
  readonly onEvent: (event: LiveTailSessionLogEvent) => void;
  /** The service sends only a sample when more than 500 events a second match. */
  readonly onSampled?: () => void;
  readonly onStart?: () => void;
}

/** How the session ended: the caller stopped it, or the service closed it after its 3-hour limit. */
export type LiveTailEnd = 'stopped' | 'timed-out';

/**
 * A CloudWatch Logs Live Tail session (StartLiveTail's event stream): sessionStart, then sessionUpdates with
 * the matching events. Aborting the signal ends the session; a SessionStreamingException rejects.
 */
export const runLiveTail = async (
  client: CloudWatchLogsClient,
  request: LiveTailRequest,
  hooks: LiveTailHooks,
): Promise<LiveTailEnd> => {
  try {
    const response = await client.send(
      new StartLiveTailCommand({
        logGroupIdentifiers: [...request.logGroupArns],
        logEventFilterPattern: request.filterPattern || undefined,
      }),
      { abortSignal: hooks.signal },
    );
    let warned = false;
    // Race each event against the stop: a stream that stays open must not hold a stopped tail.
    const stopped = new Promise<'stopped'>((resolve) => {
      if (hooks.signal?.aborted) resolve('stopped');
      hooks.signal?.addEventListener('abort', () => resolve('stopped'), { once: true });
    });
    if (!response.responseStream) return 'timed-out';
    const events = response.responseStream[Symbol.asyncIterator]();
    for (;;) {
      const next = await Promise.race([events.next(), stopped]);
      if (next === 'stopped') {
        void events.return?.()?.catch(() => undefined);
        return 'stopped';
      }
      if (next.done) break;
      const event = next.value;
      if (event.sessionStart) hooks.onStart?.();
      if (event.sessionUpdate) {
        if (event.sessionUpdate.sessionMetadata?.sampled && !warned) {
          warned = true;
          hooks.onSampled?.();
        }
        for (const result of event.sessionUpdate.sessionResults ?? []) hooks.onEvent(result);
      }
      if (event.SessionTimeoutException) return 'timed-out';
      if (event.SessionStreamingException) throw event.SessionStreamingException;
    }
    return hooks.signal?.aborted ? 'stopped' : 'timed-out';
  } catch (error) {
    if (hooks.signal?.aborted) return 'stopped';
    throw error;
  }
};
