/**
 * Keeps a record below what Lambda ships to CloudWatch (256 KB per event), in time linear in the record's size
 * whatever its shape (one huge string, 300k small objects, 100k tiny keys). The record is stringified once; when
 * the line is too long, the guard works on its UTF-8 bytes (`json-text.ts`), where every value's size is exact,
 * and shares the byte budget out top-down: at each level, members that fit their fair share are kept whole and
 * the larger ones split what is left equally (water-filling), so the largest strings are cut first. Where even
 * a marker per member does not fit, the first members that do are kept and the rest are counted in a marker.
 * Cut strings end in `…[TRUNCATED n chars]` and the record says `truncated: true`.
 */
import { JsonText } from './json-text';
import type { Json } from './safe-serialize';

/** Lambda's limit per log event: `maxRecordBytes` is clamped to it. */
export const maxRecordBytes = 256 * 1024;
const minRecordBytes = 1024;
/** Room for the newline and Lambda's own per-line framing. */
const headroom = 512;
const truncatedFlag = ',"truncated":true';
/** What any cut value needs at least: a marker such as `"…[TRUNCATED 123456789 chars]"` fits in it. */
const minCutBytes = 40;
/** An object's marker member, `"…":"[TRUNCATED n keys]"`, and an array's, with their commas. */
const objectMarkerBytes = 5 + 1 + minCutBytes + 1;
const arrayMarkerBytes = minCutBytes + 1;
/** Keys longer than this are dropped on their own rather than ending the walk over an object's members. */
const maxKeptKeyBytes = 1024;
/** What a member becomes when not even a shortened form of it fits its share. */
const placeholder = '"[TRUNCATED]"';

type JsonObject = { [key: string]: Json };
type Part = Uint8Array | string;

/** The byte limit of one line for a configured maximum (1 KB to 256 KB; anything else means 256 KB). */
export const lineLimit = (maxBytes: number): number =>
  (Number.isFinite(maxBytes)
    ? Math.min(maxRecordBytes, Math.max(minRecordBytes, maxBytes))
    : maxRecordBytes) - headroom;

/** UTF-8 needs at most 3 bytes per UTF-16 unit, so most records fit without counting. */
const fits = (json: string, limit: number): boolean =>
  json.length * 3 <= limit || Buffer.byteLength(json, 'utf8') <= limit;

interface Member {
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  /** Pinned non-strings (EMF metadata, metric values) are kept exactly as they are. */
  readonly whole: boolean;
  /** The bytes its value may take: its size, or less when it is cut. */
  share: number;
}

/** UTF-16 units of string content bytes: an escape (`\n`, `\u00XX`) is one, a 4-byte sequence two. */
const unitsIn = (bytes: Uint8Array, start: number, end: number): number => {
  let units = 0;
  for (let i = start; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte === 0x5c) {
      i += bytes[i + 1] === 0x75 ? 5 : 1;
      units++;
    } else if (byte < 0x80 || byte >= 0xc0) units += byte >= 0xf0 ? 2 : 1;
  }
  return units;
};

/** Bytes of the character or escape starting at `i` in a string's content. */
const sequenceBytes = (bytes: Uint8Array, i: number): number => {
  const byte = bytes[i] as number;
  if (byte === 0x5c) return bytes[i + 1] === 0x75 ? 6 : 2;
  if (byte < 0x80) return 1;
  return byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
};

class Truncation {
  constructor(
    private readonly text: JsonText,
    private readonly parts: Part[],
  ) {}

  /** Writes the value at `start` in at most `budget` bytes; false when not even a marker fits. */
  value(start: number, end: number, budget: number): boolean {
    if (end - start <= budget) {
      this.parts.push(this.text.bytes.subarray(start, end));
      return true;
    }
    const kind = this.text.kind(start);
    if (kind === 'string') return this.string(start, end, budget);
    if (kind === 'scalar') return false;
    return this.container(start, kind === 'object', budget, undefined);
  }

  /** The head of a string and a marker counting the cut characters; never splits a character or an escape. */
  private string(start: number, end: number, budget: number): boolean {
    const bytes = this.text.bytes;
    // quotes, `…` (3 bytes), `[TRUNCATED ` and ` chars]`; the count has no more digits than the content has bytes
    const room = budget - 23 - String(end - start).length;
    if (room < 0) return false;
    let cut = start + 1;
    while (cut < end - 1) {
      const next = sequenceBytes(bytes, cut);
      if (cut + next - start - 1 > room) break;
      cut += next;
    }
    this.parts.push(bytes.subarray(start, cut), `…[TRUNCATED ${unitsIn(bytes, cut, end - 1)} chars]"`);
    return true;
  }

  /**
   * Which members to keep: every one when each can have at least a marker's room; else the first ones that
   * fit at their size, up to a sixteenth of the budget each (so one huge member cannot crowd out the rest).
   * Pinned members are always kept and their room is set aside first.
   */
  private keep(start: number, budget: number, markerBytes: number, pinned?: (key: Member) => boolean) {
    const select = (cap: number, room: number, forced: boolean): Member[] | undefined => {
      const kept: Member[] = [];
      let used = 0;
      let full = false;
      this.text.forEachMember(start, (keyStart, keyEnd, valueStart, valueEnd) => {
        const member = { keyStart, keyEnd, valueStart, valueEnd, whole: false, share: valueEnd - valueStart };
        const isPinned = pinned?.(member) === true;
        if (forced !== isPinned) return true;
        const keyBytes = keyEnd > keyStart ? keyEnd - keyStart + 1 : 0;
        if (!isPinned && keyBytes > maxKeptKeyBytes) return true;
        const whole = isPinned && this.text.kind(valueStart) !== 'string';
        const cost = keyBytes + 1 + (whole ? member.share : Math.min(member.share, cap));
        if (!isPinned && used + cost > room) {
          full = true;
          return false;
        }
        used += cost;
        kept.push({ ...member, whole });
        return true;
      });
      if (full && cap === minCutBytes) return undefined;
      return kept;
    };
    const forced = pinned ? (select(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, true) ?? []) : [];
    const reserved = forced.reduce(
      (sum, m) => sum + m.keyEnd - m.keyStart + 2 + (m.whole ? m.share : Math.min(m.share, minCutBytes)),
      0,
    );
    const count = this.text.count(start);
    const all = select(minCutBytes, budget - reserved, false);
    const others =
      all !== undefined && all.length + forced.length === count
        ? all
        : (select(Math.max(minCutBytes, Math.floor(budget / 16)), budget - reserved - markerBytes, false) ??
          []);
    const kept = [...forced, ...others].sort((a, b) => a.valueStart - b.valueStart);
    return { kept, dropped: count - kept.length };
  }

  /**
   * Water-filling over `budget` bytes: members whose value fits their fair share of what is left keep it whole,
   * smallest first; the rest split the remainder equally.
   */
  private allocate(kept: readonly Member[], budget: number): void {
    let left = budget;
    const cuttable: Member[] = [];
    for (const member of kept) {
      left -= (member.keyEnd > member.keyStart ? member.keyEnd - member.keyStart + 1 : 0) + 1;
      if (member.whole) left -= member.share;
      else cuttable.push(member);
    }
    cuttable.sort((a, b) => a.share - b.share);
    for (let i = 0; i < cuttable.length; i++) {
      const member = cuttable[i] as Member;
      member.share = Math.max(0, Math.min(member.share, Math.floor(left / (cuttable.length - i))));
      left -= member.share;
    }
  }

  /** An object or array with the members that fit, then a marker counting the dropped ones. */
  container(start: number, isObject: boolean, budget: number, pinned?: (key: Member) => boolean): boolean {
    const markerBytes = isObject ? objectMarkerBytes : arrayMarkerBytes;
    // brackets, and one comma fewer than members (each member was counted with one)
    const room = budget - 2 + 1;
    if (room < markerBytes) return false;
    const { kept, dropped } = this.keep(start, room, markerBytes, pinned);
    this.allocate(kept, room - (dropped > 0 ? markerBytes : 0));
    const bytes = this.text.bytes;
    this.parts.push(isObject ? '{' : '[');
    kept.forEach((member, i) => {
      if (i > 0) this.parts.push(',');
      if (isObject) this.parts.push(bytes.subarray(member.keyStart, member.keyEnd + 1));
      if (!this.value(member.valueStart, member.valueEnd, member.share)) this.parts.push(placeholder);
    });
    if (dropped > 0) {
      if (kept.length > 0) this.parts.push(',');
      // a kept key already named `…` would be duplicated: the marker then takes a longer name
      const clash = isObject && kept.some((m) => bytes.toString('utf8', m.keyStart, m.keyEnd) === '"…"');
      this.parts.push(
        isObject
          ? `"${clash ? '……' : '…'}":"[TRUNCATED ${dropped} keys]"`
          : `"…[TRUNCATED ${dropped} items]"`,
      );
    }
    this.parts.push(isObject ? '}' : ']');
    return true;
  }
}

/** A record that fits, and its JSON line (stringified once when nothing is cut). */
export interface GuardedRecord {
  readonly record: JsonObject;
  readonly json: string;
}

const toBuffer = (part: Part): Uint8Array => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part);

/** The cut record's text: pinned keys always kept, `"truncated":true` last. */
const truncate = (json: string, limit: number, pinned: ReadonlySet<string>): string | undefined => {
  const bytes = Buffer.from(json, 'utf8');
  const text = new JsonText(bytes);
  const pinnedNames = new Set([...pinned].map((key) => JSON.stringify(key)));
  const longest = Math.max(0, ...[...pinnedNames].map((name) => name.length));
  const isPinned = (member: Member): boolean =>
    member.keyEnd - member.keyStart <= longest &&
    pinnedNames.has(bytes.toString('latin1', member.keyStart, member.keyEnd));
  const parts: Part[] = [];
  if (!new Truncation(text, parts).container(0, true, limit - truncatedFlag.length, isPinned))
    return undefined;
  const cut = Buffer.concat(parts.map(toBuffer)).toString('utf8');
  return `${cut.slice(0, -1)}${cut.length > 2 ? truncatedFlag : truncatedFlag.slice(1)}}`;
};

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
    const cut = truncate(json, limit, pinned);
    if (cut !== undefined && fits(cut, limit)) return { record: JSON.parse(cut) as JsonObject, json: cut };
  } catch {
    // a record this odd still gets the minimal line below, never an exception
  }
  const minimal = minimalRecord(record, pinned);
  return { record: minimal, json: JSON.stringify(minimal) };
};
