import { recordKeys } from '../../layer/src/event-catalog';
import type { LogRecord } from './log-records';

/** The Lambda request id a record belongs to: the layer's key, Lambda's own, or a platform record's. */
const invocationOf = (record: Readonly<Record<string, unknown>>): string | undefined => {
  const platform = record.record as { requestId?: unknown } | undefined;
  const key = record[recordKeys.requestId] ?? record.requestId ?? platform?.requestId;
  return typeof key === 'string' && key !== '' ? key : undefined;
};

/** Ended invocations remembered so their late lines (a callback after the response) print at once. */
const RememberedEnds = 1000;
/** A bound on held records, for invocations that never report their end. */
const MaxHeld = 10_000;

/**
 * Releases each invocation's records in time order. The layer buffers a request's DEBUG records and
 * flushes them only when the request fails, after records written later; printed as they arrive the
 * console would run backwards. So records of an invocation are held until it ends (`end`, called when its
 * response is known and every line it printed was captured), then released sorted by their own timestamps.
 * Concurrent requests then print one after the other instead of interleaved. Records of no invocation
 * (INIT output) go straight through.
 */
export class InvocationOrder {
  private readonly held = new Map<string, LogRecord[]>();
  private readonly ended = new Set<string>();
  private heldCount = 0;

  constructor(private readonly release: (entry: LogRecord) => void) {}

  add(entry: LogRecord): void {
    const key = invocationOf(entry.record);
    if (key === undefined || this.ended.has(key)) {
      this.release(entry);
      return;
    }
    const group = this.held.get(key) ?? [];
    if (group.length === 0) this.held.set(key, group);
    group.push(entry);
    this.heldCount += 1;
    if (this.heldCount > MaxHeld) this.releaseGroup(this.held.keys().next().value as string);
  }

  /** The invocation is over: its records, oldest first (stable for equal timestamps). */
  end(requestId: string): void {
    this.releaseGroup(requestId);
    this.ended.add(requestId);
    if (this.ended.size > RememberedEnds) this.ended.delete(this.ended.values().next().value as string);
  }

  /** Everything still held, e.g. on shutdown: nothing captured is lost from the console. */
  flush(): void {
    for (const key of [...this.held.keys()]) this.releaseGroup(key);
  }

  private releaseGroup(key: string): void {
    const group = this.held.get(key);
    if (!group) return;
    this.held.delete(key);
    this.heldCount -= group.length;
    for (const entry of group.sort((a, b) => a.time - b.time)) this.release(entry);
  }
}
