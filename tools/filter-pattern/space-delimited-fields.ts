/** One field of a space-delimited log line, with where its raw text starts and ends in the line. */
export interface LineField {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;

/**
 * Splits a log line on runs of whitespace. "Characters between brackets ("[]") and double quotation
 * marks ("") are considered single fields"; the brackets and quotes are not part of the field's value
 * (the docs extract `"$request": "GET /index.html HTTP/1.0"` from `"GET /index.html HTTP/1.0"`).
 */
export function splitFields(line: string): LineField[] {
  const fields: LineField[] = [];
  let pos = 0;
  while (pos < line.length) {
    if (isSpace(line.charCodeAt(pos))) {
      pos++;
      continue;
    }
    const opener = line[pos];
    const closer = opener === '"' ? '"' : opener === '[' ? ']' : undefined;
    const close = closer ? line.indexOf(closer, pos + 1) : -1;
    if (close > 0) {
      fields.push({ text: line.slice(pos + 1, close), start: pos, end: close + 1 });
      pos = close + 1;
    } else {
      // An unterminated quote or bracket is an ordinary character.
      const start = pos;
      while (pos < line.length && !isSpace(line.charCodeAt(pos))) pos++;
      fields.push({ text: line.slice(start, pos), start, end: pos });
    }
  }
  return fields;
}

/**
 * The value of the last pattern field when the line has more fields than the pattern: it takes the rest
 * of the line. The docs rely on this: `[w1=ERROR, w2]` matches "ERROR 09/25/2014 12:00:02 Failed to
 * process request", and they ask for that "blank w2 indicator" after the term.
 */
export function restOfLine(line: string, fields: readonly LineField[], from: number): string {
  if (from === fields.length - 1) return fields[from].text;
  return line.slice(fields[from].start, fields[fields.length - 1].end);
}
