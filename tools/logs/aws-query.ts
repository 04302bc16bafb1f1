import {
  type CloudWatchLogsClient,
  GetQueryResultsCommand,
  type QueryStatistics,
  StartQueryCommand,
  StopQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { ResultRow } from '../insights';

export interface AwsQueryRequest {
  readonly logGroupNames: readonly string[];
  readonly queryString: string;
  /** Epoch ms; the service takes whole seconds, both inclusive. */
  readonly start: number;
  readonly end: number;
  readonly limit?: number;
}

export interface AwsQueryHooks {
  /** Ctrl-C: the query is stopped on the service (StopQuery) and the run rejects with QueryInterrupted. */
  readonly signal?: AbortSignal;
  /** Waits between polls; tests pass one that does not wait for the clock. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Each poll while the query runs: its status and statistics so far. */
  readonly onProgress?: (status: string, statistics: QueryStatistics) => void;
}

export interface AwsQueryResult {
  readonly queryId: string;
  readonly rows: ResultRow[];
  readonly statistics: QueryStatistics;
}

/** The query ended on the service in another state than Complete (Failed, Cancelled, Timeout, Unknown). */
export class QueryEndedError extends Error {
  constructor(
    readonly status: string,
    readonly queryId: string,
  ) {
    super(`the query ${queryId} ended ${status}`);
  }
}

export class QueryInterrupted extends Error {}

/** Polls quickly at first (small queries finish in a second), then once a second. */
const pollDelays = [250, 250, 500, 500];
const PollMs = 1000;

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * A Logs Insights query on the service: StartQuery, then GetQueryResults until the status is final
 * (Scheduled and Running report progress). Rows come as the service sends them, minus `@ptr`.
 */
export const runAwsQuery = async (
  client: CloudWatchLogsClient,
  request: AwsQueryRequest,
  hooks: AwsQueryHooks = {},
): Promise<AwsQueryResult> => {
  const sleep = hooks.sleep ?? defaultSleep;
  const { queryId } = await client.send(
    new StartQueryCommand({
      logGroupNames: [...request.logGroupNames],
      queryString: request.queryString,
      startTime: Math.floor(request.start / 1000),
      endTime: Math.floor(request.end / 1000),
      limit: request.limit,
    }),
  );
  if (!queryId) throw new Error('StartQuery returned no queryId');
  for (let poll = 0; ; poll++) {
    if (hooks.signal?.aborted) {
      await client.send(new StopQueryCommand({ queryId })).catch(() => undefined);
      throw new QueryInterrupted(`the query ${queryId} was stopped`);
    }
    const result = await client.send(new GetQueryResultsCommand({ queryId }));
    const status = result.status ?? 'Unknown';
    const statistics = result.statistics ?? {};
    if (status === 'Complete') {
      const rows = (result.results ?? []).map((row) =>
        row.flatMap((cell) =>
          cell.field && cell.field !== '@ptr' ? [{ field: cell.field, value: cell.value ?? '' }] : [],
        ),
      );
      return { queryId, rows, statistics };
    }
    if (status !== 'Scheduled' && status !== 'Running') throw new QueryEndedError(status, queryId);
    hooks.onProgress?.(status, statistics);
    await sleep(pollDelays[poll] ?? PollMs, hooks.signal);
  }
};
