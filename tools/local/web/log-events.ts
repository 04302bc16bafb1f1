import { recordKeys } from '../../../layer/src/event-catalog';
import { accessLogKeys } from '../../../lib/access-log-keys';
import { parseJsonObject } from '../event-time';
import type { LogRecord } from '../log-records';
import { forEachStoredEvent } from '../stored-events';
import type { TailRecord } from './api-types';

/** Events kept in memory for the tail and request lookups; older ones are dropped first. */
const DefaultLimit = 100_000;

/**
 * The log events the console tails and links by request: what earlier runs left in the log store's files
 * (their stream names were not kept: `previous-run`, as the store reports them) and every record delivered
 * since, in arrival order, bounded in memory. Queries read the store itself (`runLogQuery`).
 */
export class LogEvents {
  private readonly events: TailRecord[] = [];
  private nextId = 1;

  constructor(private readonly limit = DefaultLimit) {}

  /** Reads a group's day files (oldest first, streamed), attributing their lines to `source`. */
  async loadStored(logsRoot: string, logGroup: string, source: string): Promise<number> {
    let loaded = 0;
    await forEachStoredEvent(logsRoot, logGroup, {}, (event) => {
      this.push({
        time: event.timestamp,
        logGroup,
        logStream: event.logStream,
        source,
        line: event.message,
        record: parseJsonObject(event.message),
      });
      loaded++;
    });
    this.events.sort((a, b) => a.time - b.time);
    return loaded;
  }

  add(record: LogRecord): TailRecord {
    return this.push({
      time: record.time,
      logGroup: record.logGroupName,
      logStream: record.logStreamName,
      source: record.functionName,
      line: record.line,
      record: record.record,
    });
  }

  /** The newest `count` events, oldest first. */
  recent(count: number): TailRecord[] {
    return this.events.slice(-count);
  }

  /**
   * Every record of one request across functions, and its access log line: the records carrying the
   * correlation id, and access log lines whose API Gateway request id it is (the default correlation id).
   */
  ofRequest(correlationId: string): TailRecord[] {
    return this.events
      .filter(
        ({ record }) =>
          record?.[recordKeys.correlationId] === correlationId ||
          record?.[accessLogKeys.requestId] === correlationId,
      )
      .sort((a, b) => a.time - b.time);
  }

  get size(): number {
    return this.events.length;
  }

  private push(event: Omit<TailRecord, 'id'>): TailRecord {
    const stored = { id: this.nextId++, ...event };
    this.events.push(stored);
    // Trim in batches: one splice per tenth of the limit, not one per record.
    if (this.events.length > this.limit * 1.1) this.events.splice(0, this.events.length - this.limit);
    return stored;
  }
}
