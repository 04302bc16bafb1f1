import { type CompiledFilterPattern, compileFilterPattern, FilterPatternError } from '../filter-pattern';
import { AwsError } from './aws-endpoint';
import { forEachStoredEvent, type StoredLogEvent } from './stored-events';
import type { StreamLedger } from './stream-ledger';

export interface FilterLogEventsSource {
  readonly root: string;
  readonly ledger?: StreamLedger;
  /** Resolves a logGroupName / logGroupIdentifier to a known group, or throws ResourceNotFoundException. */
  readonly requireGroup: (nameOrArn: string | undefined) => string;
}

/** FilterLogEvents returns at most 10,000 events per call (its default and maximum `limit`). */
const MaxEvents = 10_000;
const MaxStreamNames = 100;

const invalid = (message: string) => new AwsError('InvalidParameterException', message);

interface Cursor {
  readonly t: number;
  readonly id: string;
}

const before = (a: Cursor, b: Cursor): boolean => a.t < b.t || (a.t === b.t && a.id < b.id);
const byTime = (a: StoredLogEvent, b: StoredLogEvent) =>
  a.timestamp - b.timestamp || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

const readToken = (token: unknown): Cursor | undefined => {
  if (token === undefined) return undefined;
  try {
    const cursor = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as Cursor;
    if (typeof cursor.t === 'number' && typeof cursor.id === 'string') return cursor;
  } catch {}
  throw invalid('The specified nextToken is invalid.');
};

const timeBound = (value: unknown, name: string): number | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw invalid(`${name} is epoch milliseconds.`);
  return value;
};

const compile = (pattern: unknown): CompiledFilterPattern | undefined => {
  if (pattern === undefined || pattern === '') return undefined;
  try {
    return compileFilterPattern(String(pattern));
  } catch (error) {
    if (error instanceof FilterPatternError) throw invalid(`Invalid filter pattern: ${error.message}`);
    throw error;
  }
};

/**
 * FilterLogEvents over the local store: the events of one group in `[startTime, endTime]` that the filter
 * pattern matches (the same engine the metric filters use), optionally only some streams, oldest first, at
 * most `limit` per page. The scan is streamed and keeps at most one page of events in memory; `nextToken`
 * is the last event returned, so later pages continue after it even while records are being appended.
 */
export const filterLogEvents = async (source: FilterLogEventsSource, input: Record<string, unknown>) => {
  if ((input.logGroupName === undefined) === (input.logGroupIdentifier === undefined))
    throw invalid('Exactly one of logGroupName or logGroupIdentifier is required.');
  const group = source.requireGroup(String(input.logGroupName ?? input.logGroupIdentifier));
  const names = input.logStreamNames;
  const prefix = input.logStreamNamePrefix;
  if (names !== undefined && prefix !== undefined)
    throw invalid('logStreamNames and logStreamNamePrefix are exclusive.');
  if (names !== undefined && (!Array.isArray(names) || names.length < 1 || names.length > MaxStreamNames))
    throw invalid(`logStreamNames lists 1 to ${MaxStreamNames} stream names.`);
  const limit = input.limit ?? MaxEvents;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MaxEvents)
    throw invalid(`limit is between 1 and ${MaxEvents}.`);
  const start = timeBound(input.startTime, 'startTime');
  const end = timeBound(input.endTime, 'endTime');
  if (start !== undefined && end !== undefined && end < start)
    throw invalid('endTime must not be before startTime.');
  const pattern = compile(input.filterPattern);
  const after = readToken(input.nextToken);
  const wanted = names ? new Set(names.map(String)) : undefined;
  const streamMatches = (stream: string) =>
    wanted ? wanted.has(stream) : prefix === undefined || stream.startsWith(String(prefix));

  const searched = new Set<string>();
  let kept: StoredLogEvent[] = [];
  const keep = limit + 1;
  await forEachStoredEvent(source.root, group, { start, end, ledger: source.ledger }, (event) => {
    if (!streamMatches(event.logStream)) return;
    searched.add(event.logStream);
    if (after && !before(after, { t: event.timestamp, id: event.eventId })) return;
    if (pattern && !pattern.match(event.message)) return;
    kept.push(event);
    if (kept.length >= 2 * keep) kept = kept.sort(byTime).slice(0, keep);
  });
  kept.sort(byTime);
  const page = kept.slice(0, limit);
  const last = page.at(-1);
  return {
    events: page.map((event) => ({
      logStreamName: event.logStream,
      timestamp: event.timestamp,
      message: event.message,
      ingestionTime: event.ingestionTime,
      eventId: event.eventId,
    })),
    searchedLogStreams: [...searched].map((logStreamName) => ({ logStreamName, searchedCompletely: true })),
    nextToken:
      kept.length > limit && last
        ? Buffer.from(JSON.stringify({ t: last.timestamp, id: last.eventId })).toString('base64url')
        : undefined,
  };
};
