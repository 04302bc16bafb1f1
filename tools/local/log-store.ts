import fs from 'node:fs';
import path from 'node:path';
import { StreamLedger } from './stream-ledger';

/** What CloudWatch Logs' DescribeLogStreams reports about one stream. */
export interface LogStreamInfo {
  readonly logStreamName: string;
  readonly creationTime: number;
  firstEventTimestamp: number;
  lastEventTimestamp: number;
  lastIngestionTime: number;
  storedBytes: number;
}

const DayMs = 24 * 60 * 60 * 1000;
const filePattern = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;
/** Streams recovered from files of an earlier run carry this name (their real names were not kept). */
export const PreviousRunStream = 'previous-run';

/** `/aws/lambda/Login` → `aws_lambda_Login`: readable, one directory level, safe on every file system. */
export const logGroupDirName = (logGroupName: string): string =>
  logGroupName.replace(/^\/+/, '').replace(/[/\\:*?"<>|]/g, '_') || '_';

const dateOf = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 10);

/**
 * The local stand-in for CloudWatch Logs storage: one JSON line per record in
 * `<root>/<group>/<YYYY-MM-DD>.jsonl` (UTC ingestion date, so retention can drop whole files), plus the
 * per-stream bookkeeping the health function reads through DescribeLogStreams. Writes are synchronous so a
 * record is on disk before the HTTP response that produced it is sent.
 */
export class LogStore {
  private readonly streams = new Map<string, Map<string, LogStreamInfo>>();
  /** Which stream wrote each line this process appended (the files hold only the records). */
  readonly lineStreams = new StreamLedger();

  constructor(readonly root: string) {}

  directoryOf(logGroupName: string): string {
    return path.join(this.root, logGroupDirName(logGroupName));
  }

  append(
    logGroupName: string,
    logStreamName: string,
    line: string,
    eventTime: number,
    now = Date.now(),
  ): void {
    const directory = this.directoryOf(logGroupName);
    fs.mkdirSync(directory, { recursive: true });
    const file = path.join(directory, `${dateOf(now)}.jsonl`);
    this.lineStreams.record(file, logStreamName, Buffer.byteLength(line) + 1);
    fs.appendFileSync(file, `${line}\n`);
    const stream = this.streamOf(logGroupName, logStreamName, now);
    stream.firstEventTimestamp = Math.min(stream.firstEventTimestamp, eventTime);
    stream.lastEventTimestamp = Math.max(stream.lastEventTimestamp, eventTime);
    stream.lastIngestionTime = now;
    stream.storedBytes += Buffer.byteLength(line) + 1;
  }

  /** Streams of a group, newest event first (the order the health function asks for). */
  describeStreams(logGroupName: string): LogStreamInfo[] {
    const streams = [...(this.streams.get(logGroupName)?.values() ?? [])];
    return streams.sort((a, b) => b.lastEventTimestamp - a.lastEventTimestamp);
  }

  storedBytes(logGroupName: string): number {
    return this.describeStreams(logGroupName).reduce((sum, stream) => sum + stream.storedBytes, 0);
  }

  /**
   * Deletes day files older than the retention and recovers, from the newest remaining file, when the group
   * last received a record, so a restarted runtime still reports the group as fresh.
   * Returns the deleted files.
   */
  open(logGroupName: string, retentionDays: number | undefined, now = Date.now()): string[] {
    const directory = this.directoryOf(logGroupName);
    if (!fs.existsSync(directory)) return [];
    const oldestKept = retentionDays === undefined ? '' : dateOf(now - (retentionDays - 1) * DayMs);
    const deleted: string[] = [];
    let newest: fs.Stats | undefined;
    for (const file of fs.readdirSync(directory).sort()) {
      const day = filePattern.exec(file)?.[1];
      if (!day) continue;
      const filePath = path.join(directory, file);
      if (day < oldestKept) {
        fs.rmSync(filePath);
        this.lineStreams.forget(filePath);
        deleted.push(filePath);
        continue;
      }
      const stats = fs.statSync(filePath);
      if (!newest || stats.mtimeMs > newest.mtimeMs) newest = stats;
    }
    if (newest) {
      const stream = this.streamOf(logGroupName, PreviousRunStream, newest.birthtimeMs || newest.mtimeMs);
      stream.firstEventTimestamp =
        stream.lastEventTimestamp =
        stream.lastIngestionTime =
          Math.floor(newest.mtimeMs);
      stream.storedBytes = newest.size;
    }
    return deleted;
  }

  private streamOf(logGroupName: string, logStreamName: string, now: number): LogStreamInfo {
    let group = this.streams.get(logGroupName);
    if (!group) {
      group = new Map();
      this.streams.set(logGroupName, group);
    }
    let stream = group.get(logStreamName);
    if (!stream) {
      stream = {
        logStreamName,
        creationTime: Math.floor(now),
        firstEventTimestamp: Number.POSITIVE_INFINITY,
        lastEventTimestamp: 0,
        lastIngestionTime: 0,
        storedBytes: 0,
      };
      group.set(logStreamName, stream);
    }
    return stream;
  }
}
