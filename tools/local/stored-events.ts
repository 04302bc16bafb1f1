import fs from 'node:fs';
import path from 'node:path';
import type { InsightsEvent } from '../insights';
import { eventTimeOf } from './event-time';
import { forEachLine } from './line-reader';
import { logGroupDirName, PreviousRunStream } from './log-store';
import type { StreamLedger } from './stream-ledger';

const DayMs = 24 * 60 * 60 * 1000;
/** How far a record's own time may lie after the day file it was stored in (a late clock, a long request). */
const SkewMs = 60 * 60 * 1000;
const dayFile = /^(\d{4})-(\d{2})-(\d{2})\.jsonl$/;

/** One stored line as CloudWatch Logs would return it. */
export interface StoredLogEvent extends InsightsEvent {
  readonly logGroupName: string;
  readonly logStream: string;
  /** The store keeps no ingestion time per line: the event time stands in. */
  readonly ingestionTime: number;
  /** Unique in the group and in store order: the day file and the line's byte offset, as digits. */
  readonly eventId: string;
}

export interface StoredEventsOptions {
  /** Epoch ms, inclusive: only events in `[start, end]`. */
  readonly start?: number;
  readonly end?: number;
  /** The stream names of lines the running store appended. */
  readonly ledger?: StreamLedger;
  /** The `@log` value the events carry (the service shows `<account id>:<group name>`). @default the name */
  readonly logLabel?: string;
  readonly signal?: AbortSignal;
}

export interface DayFile {
  readonly file: string;
  /** UTC midnight of the file's (ingestion) day. */
  readonly day: number;
}

/** A group's day files, oldest first. */
export const dayFilesOf = (root: string, logGroupName: string): DayFile[] => {
  const directory = path.join(root, logGroupDirName(logGroupName));
  let names: string[];
  try {
    names = fs.readdirSync(directory);
  } catch {
    return [];
  }
  return names.sort().flatMap((name) => {
    const match = dayFile.exec(name);
    return match
      ? [{ file: path.join(directory, name), day: Date.UTC(+match[1], +match[2] - 1, +match[3]) }]
      : [];
  });
};

/**
 * Streams one log group's stored events, oldest file first, line by line: what `logs query`, the local
 * StartQuery/FilterLogEvents endpoint and the web console all read. Each line's time is its own (see
 * `eventTimeOf`), else its file's day. Day files that cannot hold an event of the range are not opened; a
 * line still being written (no line end yet) is left for the next reader.
 */
export const forEachStoredEvent = async (
  root: string,
  logGroupName: string,
  options: StoredEventsOptions,
  visit: (event: StoredLogEvent) => void,
): Promise<void> => {
  const { start = Number.NEGATIVE_INFINITY, end = Number.POSITIVE_INFINITY, ledger, signal } = options;
  const logGroup = options.logLabel ?? logGroupName;
  for (const { file, day } of dayFilesOf(root, logGroupName)) {
    if (signal?.aborted) return;
    // Ingested on `day`: the events are from before its end (give or take the skew), rarely long before.
    if (day + DayMs + SkewMs < start || day - DayMs > end) continue;
    const streamAt = ledger ? ledger.reader(file, PreviousRunStream) : () => PreviousRunStream;
    const dayDigits = new Date(day).toISOString().slice(0, 10).replaceAll('-', '');
    await forEachLine(
      file,
      (line, offset) => {
        if (line === '') return;
        const timestamp = eventTimeOf(line) ?? day;
        if (timestamp < start || timestamp > end) return;
        visit({
          timestamp,
          message: line,
          logGroup,
          logGroupName,
          logStream: streamAt(offset),
          ingestionTime: timestamp,
          eventId: `${dayDigits}${String(offset).padStart(14, '0')}`,
        });
      },
      { signal },
    );
  }
};
