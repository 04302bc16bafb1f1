/**
 * Keeps a record below what Lambda ships to CloudWatch (256 KB per event), in time linear in the record's size
 * whatever its shape (one huge string, 300k small objects, 100k tiny keys): the record is stringified once, and
 * a line that is too long is cut on its bytes (`json-truncation.ts`) and says `truncated: true`.
 */
import { truncateJson } from './json-truncation';
import type { Json } from './safe-serialize';

/** Lambda's limit per log event: `maxRecordBytes` is clamped to it. */
export const maxRecordBytes = 256 * 1024;
const minRecordBytes = 1024;
/** Room for the newline and Lambda's own per-line framing. */
const headroom = 512;
const truncatedFlag = ',"truncated":true';

type JsonObject = { [key: string]: Json };

/** The byte limit of one line for a configured maximum (1 KB to 256 KB; anything else means 256 KB). */
export const lineLimit = (maxBytes: number): number =>
  (Number.isFinite(maxBytes)
    ? Math.min(maxRecordBytes, Math.max(minRecordBytes, maxBytes))
    : maxRecordBytes) - headroom;

/** UTF-8 needs at most 3 bytes per UTF-16 unit, so most records fit without counting. */
const fits = (json: string, limit: number): boolean =>
  json.length * 3 <= limit || Buffer.byteLength(json, 'utf8') <= limit;

/** A record that fits, and its JSON line (stringified once when nothing is cut). */
export interface GuardedRecord {
  readonly record: JsonObject;
  readonly json: string;
}

/** Last resort: the pinned keys alone, strings shortened. Always a small valid line. */
const minimalRecord = (record: JsonObject, pinned: ReadonlySet<string>): JsonObject => {
  const minimal: JsonObject = {};
  for (const key of pinned) {
    const value = record[key];
    if (typeof value === 'string') minimal[key] = value.length > 100 ? `${value.slice(0, 100)}…` : value;
    else if (value !== undefined && JSON.stringify(value).length <= 1024) minimal[key] = value;
  }
  minimal.truncated = true;
  return minimal;
};

/**
 * The record as one JSON line: unchanged when it fits in `maxBytes` (clamped to 1 KB..256 KB), else a cut
 * copy. `pinned` keys (the contract keys, EMF metadata) are never dropped; their strings are cut only when
 * they alone are too big, and non-string pinned values (the `_aws` block) are never changed.
 */
export const guardSize = (
  record: JsonObject,
  maxBytes: number = maxRecordBytes,
  pinned: ReadonlySet<string> = new Set(),
): GuardedRecord => {
  const limit = lineLimit(maxBytes);
  const json = JSON.stringify(record);
  if (fits(json, limit)) return { record, json };
  try {
    const body = truncateJson(json, limit - truncatedFlag.length, pinned);
    const cut =
      body === undefined
        ? undefined
        : `${body.slice(0, -1)}${body === '{}' ? truncatedFlag.slice(1) : truncatedFlag}}`;
    if (cut !== undefined && fits(cut, limit)) return { record: JSON.parse(cut) as JsonObject, json: cut };
  } catch {
    // a record this odd still gets the minimal line below, never an exception
  }
  const minimal = minimalRecord(record, pinned);
  return { record: minimal, json: JSON.stringify(minimal) };
};
