/**
 * Cuts a JSON object's text to a byte budget, on its UTF-8 bytes (`json-text.ts`), where every value's size is
 * exact and known after one pass. The budget is shared out top-down: at each level, members that fit their fair
 * share are kept whole and the larger ones split what is left equally (water-filling), so the largest strings
 * are cut first. Where even a marker per member does not fit, the first members that do are kept and the rest
 * are counted in a marker. Cut strings keep their head and end in `…[TRUNCATED n chars]`; nothing is invented.
 */
import { JsonText } from './json-text';

/** What any cut value needs at least: a marker such as `"…[TRUNCATED 123456789 chars]"` fits in it. */
const minCutBytes = 40;
/** An object's marker member, `"…":"[TRUNCATED n keys]"`, and an array's, with their commas. */
const objectMarkerBytes = 5 + 1 + minCutBytes + 1;
const arrayMarkerBytes = minCutBytes + 1;
/** Keys longer than this are dropped on their own rather than ending the walk over an object's members. */
const maxKeptKeyBytes = 1024;
/** What a member becomes when not even a shortened form of it fits its share. */
const placeholder = '"[TRUNCATED]"';

type Part = Uint8Array | string;

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

const toBuffer = (part: Part): Uint8Array => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part);

/** The object whose JSON text is `json`, cut to at most `budget` bytes; `pinned` top-level keys always kept. */
export const truncateJson = (
  json: string,
  budget: number,
  pinned: ReadonlySet<string>,
): string | undefined => {
  const bytes = Buffer.from(json, 'utf8');
  const text = new JsonText(bytes);
  const pinnedNames = new Set([...pinned].map((key) => JSON.stringify(key)));
  const longest = Math.max(0, ...[...pinnedNames].map((name) => name.length));
  const isPinned = (member: Member): boolean =>
    member.keyEnd - member.keyStart <= longest &&
    pinnedNames.has(bytes.toString('latin1', member.keyStart, member.keyEnd));
  const parts: Part[] = [];
  if (!new Truncation(text, parts).container(0, true, budget, isPinned)) return undefined;
  return Buffer.concat(parts.map(toBuffer)).toString('utf8');
};
