/**
 * The service's regular expressions (RE2/Java style) as JavaScript ones: inline flags such as `(?i)` may sit
 * anywhere (`/^(?i)Exception$/`) and apply to the whole pattern; `(?P<name>...)` is a named group.
 * Throws SyntaxError for a pattern JavaScript cannot compile.
 */
export const translateRegex = (source: string, extraFlags = ''): RegExp => {
  const flags = new Set(extraFlags);
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && next === 'A') out += '^';
      else if (!inClass && (next === 'z' || next === 'Z')) out += '$';
      else out += c + next;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      continue;
    }
    const inline = /^\(\?([imsU]+)\)/.exec(source.slice(i));
    if (inline) {
      for (const flag of inline[1]) if (flag !== 'U') flags.add(flag);
      i += inline[0].length - 1;
      continue;
    }
    if (source.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
      continue;
    }
    out += c;
  }
  return new RegExp(out, [...flags].join(''));
};

/** The names of a regex's named groups, in order. */
export const namedGroups = (source: string): string[] =>
  [...source.matchAll(/\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((match) => match[1]);
