import fs from 'node:fs';
import path from 'node:path';
import { recordKeys } from '../../../layer/src/event-catalog';
import { accessLogKeys } from '../../../lib/access-log-keys';
import type { LogRecord } from '../log-records';
import { logGroupDirName, PreviousRunStream } from '../log-store';
import type { TailRecord } from './api-types';

/** Events kept in memory for queries and the tail; older ones are dropped first. */
const DefaultLimit = 100_000;
const dayFile = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const parseObject = (line: string): Record<string, unknown> | undefined => {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/** API Gateway's `$context.requestTime`: `26/Nov/2026:16:46:32 +0000`. */
const parseClfTime = (text: string): number | undefined => {
  const match = /^(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(text);
  const month = match ? months.indexOf(match[2]) : -1;
  if (!match || month < 0) return undefined;
  const utc = Date.UTC(Number(match[3]), month, Number(match[1]), +match[4], +match[5], +match[6]);
  const offsetMs = (Number(match[8]) * 60 + Number(match[9])) * 60_000 * (match[7] === '+' ? 1 : -1);
  return utc - offsetMs;
};

/** When a stored line happened: its own timestamp (record or access log), else the day of its file. */
const timeOfStoredLine = (record: Record<string, unknown> | undefined, fileDay: number): number => {
  for (const value of [record?.[recordKeys.timestamp], record?.time]) {
    if (typeof value === 'string' || typeof value === 'number') {
      const time = new Date(value).getTime();
      if (Number.isFinite(time)) return time;
    }
  }
  const requestTime = record?.[accessLogKeys.requestTime];
  return (typeof requestTime === 'string' ? parseClfTime(requestTime) : undefined) ?? fileDay;
};

/**
 * The log events the console searches and tails: what earlier runs left in the log store's files (their
 * stream names were not kept: `previous-run`, as the store reports them) and every record delivered since,
 * in arrival order, bounded in memory.
 */
export class LogEvents {
  private readonly events: TailRecord[] = [];
  private nextId = 1;

  constructor(private readonly limit = DefaultLimit) {}

  /** Reads a group's day files (oldest first), attributing their lines to `source`. */
  loadStored(logsRoot: string, logGroup: string, source: string): number {
    const directory = path.join(logsRoot, logGroupDirName(logGroup));
    if (!fs.existsSync(directory)) return 0;
    let loaded = 0;
    for (const file of fs.readdirSync(directory).sort()) {
      const day = dayFile.exec(file)?.[1];
      if (!day) continue;
      const fileDay = Date.parse(`${day}T00:00:00Z`);
      for (const line of fs.readFileSync(path.join(directory, file), 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        const record = parseObject(line);
        this.push({
          time: timeOfStoredLine(record, fileDay),
          logGroup,
          logStream: PreviousRunStream,
          source,
          line,
          record,
        });
        loaded++;
      }
    }
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

  /** Events of the groups with `start <= time < end`, oldest first. */
  inGroups(logGroups: readonly string[], start: number, end: number): TailRecord[] {
    const wanted = new Set(logGroups);
    return this.events.filter(
      (event) => wanted.has(event.logGroup) && event.time >= start && event.time < end,
    );
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
