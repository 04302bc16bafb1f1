/**
 * The UTF-8 bytes of a JSON text as `JSON.stringify` writes it (no whitespace), indexed in one pass: where every
 * long string, object and array ends and how many members each container has. The size guard works on these
 * bytes rather than on the objects: sizes are then exact by construction, and a 6 MB value with 500k keys costs
 * one scan instead of V8 enumerating its keys again and again.
 */

const quote = 0x22;
const backslash = 0x5c;
const comma = 0x2c;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;

/** Values shorter than this are not indexed: scanning them again is cheaper than remembering them. */
const indexedFrom = 256;

export class JsonText {
  private readonly ends = new Map<number, number>();
  private readonly counts = new Map<number, number>();

  constructor(readonly bytes: Buffer) {
    this.index();
  }

  /** Index just after the string whose opening quote is at `start`. */
  private stringEnd(start: number): number {
    const bytes = this.bytes;
    let i = start + 1;
    for (;;) {
      const byte = bytes[i];
      if (byte === quote) return i + 1;
      i += byte === backslash ? 2 : 1;
    }
  }

  /** One pass over the whole text: ends of long values, member counts of long containers. */
  private index(): void {
    const bytes = this.bytes;
    const stack: number[] = [];
    const members: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (byte === quote) {
        const end = this.stringEnd(i);
        if (end - i >= indexedFrom) this.ends.set(i, end);
        i = end - 1;
      } else if (byte === openBrace || byte === openBracket) {
        stack.push(i);
        const next = bytes[i + 1];
        members.push(next === closeBrace || next === closeBracket ? 0 : 1);
      } else if (byte === closeBrace || byte === closeBracket) {
        const start = stack.pop() as number;
        const count = members.pop() as number;
        if (i + 1 - start >= indexedFrom) {
          this.ends.set(start, i + 1);
          this.counts.set(start, count);
        }
      } else if (byte === comma) {
        members[members.length - 1] = (members.at(-1) as number) + 1;
      }
    }
  }

  /** Index just after the value that starts at `start`. */
  end(start: number): number {
    const known = this.ends.get(start);
    if (known !== undefined) return known;
    const bytes = this.bytes;
    const first = bytes[start];
    if (first === quote) return this.stringEnd(start);
    if (first !== openBrace && first !== openBracket) {
      let i = start;
      while (i < bytes.length && bytes[i] !== comma && bytes[i] !== closeBrace && bytes[i] !== closeBracket)
        i++;
      return i;
    }
    let depth = 0;
    for (let i = start; ; i++) {
      const byte = bytes[i];
      if (byte === quote) i = this.stringEnd(i) - 1;
      else if (byte === openBrace || byte === openBracket) depth++;
      else if ((byte === closeBrace || byte === closeBracket) && --depth === 0) return i + 1;
    }
  }

  /** How many members the container at `start` has. */
  count(start: number): number {
    const known = this.counts.get(start);
    if (known !== undefined) return known;
    let count = 0;
    this.forEachMember(start, () => {
      count++;
      return true;
    });
    return count;
  }

  /**
   * Calls `visit` for each member of the object or array at `start`, in order, with the start and end of its
   * key (equal for array items) and of its value, until `visit` returns false.
   */
  forEachMember(
    start: number,
    visit: (keyStart: number, keyEnd: number, valueStart: number, valueEnd: number) => boolean,
  ): void {
    const bytes = this.bytes;
    const isObject = bytes[start] === openBrace;
    let i = start + 1;
    if (bytes[i] === closeBrace || bytes[i] === closeBracket) return;
    for (;;) {
      const keyStart = i;
      const keyEnd = isObject ? this.stringEnd(i) : i;
      // past the colon
      if (isObject) i = keyEnd + 1;
      const valueEnd = this.end(i);
      if (!visit(keyStart, keyEnd, i, valueEnd)) return;
      i = valueEnd;
      if (bytes[i] !== comma) return;
      i++;
    }
  }

  /** The first byte of the value at `start`: `"`, `{`, `[` or the start of a number or literal. */
  kind(start: number): 'string' | 'object' | 'array' | 'scalar' {
    const first = this.bytes[start];
    if (first === quote) return 'string';
    if (first === openBrace) return 'object';
    return first === openBracket ? 'array' : 'scalar';
  }
}
