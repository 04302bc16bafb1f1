/**
 * Keeps a record below what Lambda ships to CloudWatch (256 KB per event): the largest strings are cut first,
 * each with a visible marker, and the record says `truncated: true` so a reader knows it is partial.
 */
import type { Json } from './safe-serialize';

export const defaultMaxRecordBytes = 256 * 1024;
/** Room for the `truncated` key, the newline and Lambda's own per-line framing. */
const headroom = 512;

const byteLength = (value: Json): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

interface StringSlot {
  readonly holder: { [key: string]: Json } | Json[];
  readonly key: string | number;
  readonly length: number;
}

const collectStrings = (value: Json, slots: StringSlot[]): void => {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      if (typeof item === 'string') slots.push({ holder: value, key: index, length: item.length });
      else collectStrings(item, slots);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'string') slots.push({ holder: value, key, length: item.length });
      else collectStrings(item, slots);
    }
  }
};

const marker = (cut: number): string => `…[TRUNCATED ${cut} chars]`;

/** Keeps the head of a string; never splits a surrogate pair. */
const cutString = (text: string, keep: number): string => {
  let end = Math.max(0, keep);
  if (end > 0 && end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end -= 1;
  return `${text.slice(0, end)}${marker(text.length - end)}`;
};

/** The record's JSON when it fits in `limit` bytes, else undefined. UTF-8 needs at most 3 bytes per UTF-16 unit. */
const fitting = (json: string, limit: number): string | undefined =>
  json.length * 3 <= limit || Buffer.byteLength(json, 'utf8') <= limit ? json : undefined;

/** A record that fits, and its JSON line (stringified once). */
export interface GuardedRecord {
  readonly record: { [key: string]: Json };
  readonly json: string;
}

/**
 * The record as one JSON line: unchanged when it fits, else a copy with its largest strings truncated. The
 * `protectedKeys` (timestamp, level, message...) are never cut: alarms match on them.
 */
export const guardSize = (
  record: { [key: string]: Json },
  maxBytes: number = defaultMaxRecordBytes,
  protectedKeys: ReadonlySet<string> = new Set(),
): GuardedRecord => {
  const limit = Math.max(1024, maxBytes) - headroom;
  const json = JSON.stringify(record);
  const whole = fitting(json, limit);
  if (whole !== undefined) return { record, json: whole };
  const copy = JSON.parse(json) as { [key: string]: Json };
  const slots: StringSlot[] = [];
  collectStrings(copy, slots);
  const cuttable = slots
    .filter((slot) => !(slot.holder === copy && protectedKeys.has(String(slot.key))))
    .sort((a, b) => b.length - a.length);
  for (const slot of cuttable) {
    const excess = byteLength(copy) - limit;
    if (excess <= 0) break;
    const text = (slot.holder as Record<string | number, Json>)[slot.key] as string;
    // bytes >= chars, so cutting `excess` chars (plus the marker) always frees at least `excess` bytes
    const keep = Math.min(text.length - excess - 40, Math.floor(limit / 4));
    (slot.holder as Record<string | number, Json>)[slot.key] = cutString(text, keep);
  }
  copy.truncated = true;
  const cut = fitting(JSON.stringify(copy), limit);
  if (cut !== undefined) return { record: copy, json: cut };
  // many small fields still too big: keep only the protected keys, the record stays one valid line
  const minimal: { [key: string]: Json } = {};
  for (const key of protectedKeys) if (key in copy) minimal[key] = copy[key] as Json;
  minimal.truncated = true;
  return { record: minimal, json: JSON.stringify(minimal) };
};
