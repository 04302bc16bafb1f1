/** What JSON.parse would return, restricted to the wanted keys; undefined for no JSON object; or 'fallback'. */
export type ScanResult = Record<string, unknown> | undefined | 'fallback';

const QUOTE = 34;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw control characters in strings; this finds them.
const CONTROL = /[\u0000-\u001f]/;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const ESCAPES = '"\\/bfnrt';

const invalid = new Error('invalid JSON');

/**
 * Reads only the wanted top-level keys of the JSON object in `text[from, to)`, validating all of it as
 * strictly as JSON.parse, without building the rest: most of a record's bytes sit in strings, which are
 * skipped with native indexOf. The last duplicate key wins, as in JSON.parse. Text with control characters,
 * very deep nesting or more than `maxLeaves` leaves gets 'fallback': its answer must come from the real parser.
 * One instance per query, reused for every event (no per-event closures).
 */
export class JsonScanner {
  private text = '';
  private pos = 0;
  private to = 0;
  private leaves = 0;
  /** The next backslash at or after the scan position: looked up again only once passed. */
  private slashAt = -1;

  private readonly wanted: readonly string[];

  constructor(
    wanted: Iterable<string>,
    private readonly maxLeaves: number,
  ) {
    this.wanted = [...wanted];
  }

  scan(text: string, from: number, to: number): ScanResult {
    if (CONTROL.test(text)) return 'fallback';
    this.text = text;
    this.pos = from;
    this.to = to;
    this.leaves = 0;
    this.slashAt = -1;
    try {
      this.space();
      if (this.at() !== 123) return undefined;
      const found: Record<string, unknown> = {};
      this.object(found);
      this.space();
      if (this.pos !== to) return undefined;
      return this.leaves > this.maxLeaves ? 'fallback' : found;
    } catch (error) {
      return error === invalid ? undefined : 'fallback';
    } finally {
      this.text = '';
    }
  }

  private at(): number {
    return this.pos < this.to ? this.text.charCodeAt(this.pos) : -1;
  }

  private space(): void {
    const { text, to } = this;
    let pos = this.pos;
    while (pos < to) {
      const c = text.charCodeAt(pos);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      pos++;
    }
    this.pos = pos;
  }

  /** Skips the string opening at `pos`; returns whether it holds an escape. */
  private string(): boolean {
    const text = this.text;
    let escaped = false;
    let next = this.pos + 1;
    for (;;) {
      const close = text.indexOf('"', next);
      if (close < 0 || close >= this.to) throw invalid;
      if (this.slashAt !== Number.POSITIVE_INFINITY && this.slashAt < next) {
        const slash = text.indexOf('\\', next);
        this.slashAt = slash < 0 ? Number.POSITIVE_INFINITY : slash;
      }
      const slash = this.slashAt;
      if (slash > close) {
        this.pos = close + 1;
        return escaped;
      }
      escaped = true;
      const escapeChar = text[slash + 1];
      if (escapeChar === 'u') {
        if (!HEX4.test(text.slice(slash + 2, slash + 6))) throw invalid;
        next = slash + 6;
      } else if (escapeChar !== undefined && ESCAPES.includes(escapeChar)) {
        next = slash + 2;
      } else {
        throw invalid;
      }
    }
  }

  private literal(word: string): void {
    if (!this.text.startsWith(word, this.pos) || this.pos + word.length > this.to) throw invalid;
    this.pos += word.length;
  }

  /** Skips one value; returns it when `keep` (strings and numbers without JSON.parse when possible). */
  private value(keep: boolean): unknown {
    this.space();
    const start = this.pos;
    switch (this.at()) {
      case QUOTE: {
        const escaped = this.string();
        this.leaves++;
        if (!keep) return undefined;
        return escaped
          ? JSON.parse(this.text.slice(start, this.pos))
          : this.text.slice(start + 1, this.pos - 1);
      }
      case 123:
        this.object(undefined);
        return keep ? JSON.parse(this.text.slice(start, this.pos)) : undefined;
      case 91:
        this.array();
        return keep ? JSON.parse(this.text.slice(start, this.pos)) : undefined;
      case 116:
        this.literal('true');
        this.leaves++;
        return true;
      case 102:
        this.literal('false');
        this.leaves++;
        return false;
      case 110:
        this.literal('null');
        return null;
      default: {
        NUMBER.lastIndex = start;
        if (!NUMBER.test(this.text) || NUMBER.lastIndex > this.to) throw invalid;
        this.pos = NUMBER.lastIndex;
        this.leaves++;
        return keep ? Number(this.text.slice(start, this.pos)) : undefined;
      }
    }
  }

  /** After a member: true for a comma, false for the closing bracket. */
  private separator(close: number): boolean {
    this.space();
    const c = this.at();
    this.pos++;
    if (c === close) return false;
    if (c !== 44) throw invalid;
    return true;
  }

  private array(): void {
    this.pos++;
    this.space();
    if (this.at() === 93) {
      this.pos++;
      return;
    }
    do this.value(false);
    while (this.separator(93));
  }

  /** The wanted key spelled at `text[start, end)`, compared in place (no string per key). */
  private wantedAt(start: number, end: number): string | undefined {
    for (const key of this.wanted) {
      if (key.length === end - start && this.text.startsWith(key, start)) return key;
    }
    return undefined;
  }

  private object(found: Record<string, unknown> | undefined): void {
    this.pos++;
    this.space();
    if (this.at() === 125) {
      this.pos++;
      return;
    }
    do {
      this.space();
      if (this.at() !== QUOTE) throw invalid;
      const keyStart = this.pos;
      const escaped = this.string();
      const keyEnd = this.pos;
      this.space();
      if (this.at() !== 58) throw invalid;
      this.pos++;
      if (found === undefined) {
        this.value(false);
        continue;
      }
      const key = escaped
        ? (JSON.parse(this.text.slice(keyStart, keyEnd)) as string)
        : this.wantedAt(keyStart + 1, keyEnd - 1);
      if (key === undefined || (escaped && !this.wanted.includes(key))) {
        this.value(false);
        continue;
      }
      const value = this.value(true);
      // "__proto__" becomes an own property, as JSON.parse makes it, not the object's prototype.
      if (key === '__proto__')
        Object.defineProperty(found, key, { value, enumerable: true, writable: true, configurable: true });
      else found[key] = value;
    } while (this.separator(125));
  }
}
