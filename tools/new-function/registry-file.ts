/**
 * `lib/functions.ts`, the one list of the stack's functions, as `new:function` reads and extends it: the
 * entries are read by evaluating the module (hand-written entries may use constants or spreads), and a new
 * entry is inserted as text right above the marker line, so the rest of the file stays byte for byte the same.
 */
import path from 'node:path';

export const RegistryPath = path.join('lib', 'functions.ts');
export const RegistryMarker = '// new:function adds entries above this line';

/** What `new:function` needs of an existing entry to refuse a duplicate. */
export interface RegisteredFunction {
  readonly name: string;
  readonly routes: readonly string[];
}

/** The fields `new:function` writes; the others of a registry entry keep their defaults. */
export interface NewEntry {
  readonly name: string;
  readonly description: string;
  readonly routes: readonly string[];
  readonly memorySize?: number;
  readonly timeoutSeconds?: number;
}

/** A TypeScript string literal (single quotes, the project's style) of any one-line text. */
export const tsString = (text: string): string => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** The entry as an object literal followed by a comma, at the array's indentation. */
export const renderEntry = (entry: NewEntry): string => {
  const lines = [
    '{',
    `  name: ${tsString(entry.name)},`,
    `  description: ${tsString(entry.description)},`,
    `  routes: [${entry.routes.map(tsString).join(', ')}],`,
    ...(entry.memorySize === undefined ? [] : [`  memorySize: ${entry.memorySize},`]),
    ...(entry.timeoutSeconds === undefined ? [] : [`  timeoutSeconds: ${entry.timeoutSeconds},`]),
    '},',
  ];
  return lines.map((line) => `  ${line}`).join('\n');
};

const isComment = (line: string): boolean => line.startsWith('//') || line === '';

/**
 * The registry source with the entry inserted above the marker. A hand-edited list whose last entry lacks its
 * trailing comma gets one (after `}` or `]`). Returns a problem instead when the marker is missing or not
 * alone: inserting elsewhere could land outside the array.
 */
export const insertEntry = (source: string, entry: NewEntry): string | { readonly problem: string } => {
  const newline = source.includes('\r\n') ? '\r\n' : '\n';
  const lines = source.split(/\r?\n/);
  const markers = lines.flatMap((line, index) => (line.trim() === RegistryMarker ? [index] : []));
  if (markers.length !== 1) {
    return {
      problem:
        markers.length === 0
          ? `${RegistryPath} has no line "${RegistryMarker}" inside its array; add the entry by hand`
          : `${RegistryPath} has the line "${RegistryMarker}" ${markers.length} times; keep only the one inside the array`,
    };
  }
  const marker = markers[0]!;
  let previous = marker - 1;
  while (previous >= 0 && isComment(lines[previous]!.trim())) previous -= 1;
  const last = previous >= 0 ? lines[previous]!.trimEnd() : '';
  if (last.endsWith('}') || last.endsWith(']')) lines[previous] = `${last},`;
  lines.splice(marker, 0, ...renderEntry(entry).split('\n'));
  return lines.join(newline);
};

const isRegistered = (value: unknown): value is RegisteredFunction => {
  const candidate = value as Partial<RegisteredFunction> | null;
  return (
    typeof candidate?.name === 'string' &&
    Array.isArray(candidate.routes) &&
    candidate.routes.every((route) => typeof route === 'string')
  );
};

/**
 * The registry's entries, by loading the module as the stack does (through tsx's or jest's TypeScript
 * loader). A fresh process per command run, so there is no stale module cache to worry about.
 */
export const loadRegistry = (file: string): readonly RegisteredFunction[] | { readonly problem: string } => {
  let loaded: { functions?: unknown };
  try {
    loaded = require(file) as { functions?: unknown };
  } catch (error) {
    return { problem: `cannot load ${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const list = loaded.functions;
  if (!Array.isArray(list)) return { problem: `${file} does not export an array named functions` };
  const bad = list.findIndex((entry) => !isRegistered(entry));
  if (bad >= 0) return { problem: `${file}: entry ${bad + 1} has no string name and routes array` };
  return list as RegisteredFunction[];
};
