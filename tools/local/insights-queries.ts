import { randomUUID } from 'node:crypto';
import { type Query, type QueryOptions, type QueryResults, QueryRun } from '../insights';
import { forEachStoredEvent } from './stored-events';
import type { StreamLedger } from './stream-ledger';

/** Where queries read: the log store's root, the live stream names, and the account `@log` names carry. */
export interface StoreQuerySource {
  readonly root: string;
  readonly accountId: string;
  readonly ledger?: StreamLedger;
}

export interface StoreQueryOptions extends QueryOptions {
  readonly signal?: AbortSignal;
}

/** `@log` as the service shows it: `<account id>:<log group name>`. */
export const logLabel = (accountId: string, logGroupName: string): string => `${accountId}:${logGroupName}`;

/** Streams the groups' stored events (in the run's range) into a query run. */
export const feedStoredGroups = async (
  run: QueryRun,
  source: StoreQuerySource,
  logGroupNames: readonly string[],
  options: StoreQueryOptions,
): Promise<void> => {
  const push = run.push.bind(run);
  for (const name of logGroupNames) {
    if (options.signal?.aborted) return;
    const logLabelOf = logLabel(source.accountId, name);
    await forEachStoredEvent(
      source.root,
      name,
      {
        start: options.start,
        end: options.end,
        ledger: source.ledger,
        logLabel: logLabelOf,
        signal: options.signal,
      },
      push,
    );
  }
};

/** One query over the store's groups in one go: `logs query`, the web console. */
export const queryStore = async (
  query: Query,
  source: StoreQuerySource,
  logGroupNames: readonly string[],
  options: StoreQueryOptions = {},
): Promise<QueryResults> => {
  const run = new QueryRun(query, options);
  await feedStoredGroups(run, source, logGroupNames, options);
  return run.finish();
};

export type QueryStatus = 'Scheduled' | 'Running' | 'Complete' | 'Failed' | 'Cancelled';

interface QueryJob {
  status: QueryStatus;
  readonly run: QueryRun;
  readonly controller: AbortController;
  results?: QueryResults;
}

export interface QueryJobView {
  readonly status: QueryStatus;
  readonly results: QueryResults;
}

/** The service runs at most 30 queries at a time (LimitExceededException beyond). */
export const MaxConcurrentQueries = 30;
/** Finished queries whose results stay readable (the service keeps them for 7 days). */
const KeptQueries = 200;

/**
 * StartQuery's asynchronous queries: each runs in the background over the store (Scheduled, then Running
 * with partial results, then Complete, Failed or Cancelled) and is read by id. `gate` holds a query between
 * Running and its first event, so a test can observe the Running state without racing the clock.
 */
export class InsightsQueries {
  private readonly jobs = new Map<string, QueryJob>();

  constructor(
    private readonly source: StoreQuerySource,
    private readonly gate: () => Promise<void> = async () => undefined,
  ) {}

  get running(): number {
    return [...this.jobs.values()].filter((job) => job.status === 'Scheduled' || job.status === 'Running')
      .length;
  }

  start(query: Query, logGroupNames: readonly string[], options: QueryOptions): string {
    const id = randomUUID();
    const job: QueryJob = {
      status: 'Scheduled',
      run: new QueryRun(query, options),
      controller: new AbortController(),
    };
    this.jobs.set(id, job);
    this.trim();
    setImmediate(() => void this.execute(job, logGroupNames, options));
    return id;
  }

  view(id: string): QueryJobView | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    return { status: job.status, results: job.results ?? job.run.snapshot() };
  }

  /** True when the query was still running and is now cancelled. */
  stop(id: string): boolean | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    if (job.status !== 'Scheduled' && job.status !== 'Running') return false;
    job.status = 'Cancelled';
    job.controller.abort();
    return true;
  }

  private async execute(job: QueryJob, logGroupNames: readonly string[], options: QueryOptions) {
    if (job.status !== 'Scheduled') return;
    job.status = 'Running';
    try {
      await this.gate();
      const signal = job.controller.signal;
      await feedStoredGroups(job.run, this.source, logGroupNames, { ...options, signal });
      if (job.status !== 'Running') return;
      job.results = job.run.finish();
      job.status = 'Complete';
    } catch {
      if (job.status === 'Running') job.status = 'Failed';
    }
  }

  private trim() {
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= KeptQueries) return;
      if (job.status !== 'Scheduled' && job.status !== 'Running') this.jobs.delete(id);
    }
  }
}
