import { type Command, type Expr, walk } from './ast';
import { fieldRef } from './field-ref';
import { LAMBDA_FIELD_NAMES } from './lambda-fields';

const exprsOf = (command: Command): readonly Expr[] => {
  switch (command.kind) {
    case 'fields':
    case 'display':
      return command.items.map((item) => item.expr);
    case 'filter':
      return [command.expr];
    case 'stats':
      return [...command.items, ...command.by].map((named) => named.expr);
    case 'sort':
      return command.keys.map((key) => key.expr);
    case 'parse':
      return [command.source];
    case 'dedup':
      return command.fields;
    default:
      return [];
  }
};

const fieldNames = (command: Command): string[] =>
  exprsOf(command).flatMap((expr) =>
    [...walk(expr)].flatMap((node) => (node.kind === 'field' ? [node.name] : [])),
  );

/** Names a command defines for the commands after it. */
const definedBy = (command: Command): string[] => {
  if (command.kind === 'fields' || command.kind === 'display') return command.items.map((item) => item.name);
  if (command.kind === 'parse') return command.mode.kind === 'logfmt' ? [] : [...command.mode.names];
  return [];
};

/**
 * The fields a query reads from the events (in order of first use): what `logs verify` checks against what
 * the records carry. Names that `fields`, `display` or `parse` define earlier in the query are not read from
 * events, and nothing after the first `stats` reads events.
 */
export const fieldsRead = (commands: readonly Command[]): string[] => {
  const read = new Set<string>();
  const defined = new Set<string>();
  const prefixes: string[] = [];
  for (const command of commands) {
    for (const name of fieldNames(command)) {
      if (!defined.has(name) && !prefixes.some((prefix) => name.startsWith(`${prefix}.`))) read.add(name);
    }
    if (command.kind === 'stats') break;
    for (const name of definedBy(command)) defined.add(name);
    if (command.kind === 'parse' && command.mode.kind === 'logfmt') prefixes.push(command.mode.alias);
  }
  return [...read];
};

/**
 * Every top-level JSON key the query can read, so events are scanned for those keys only: `error.name` needs
 * `error` (and a literal `error.name` key); Lambda's `@` fields need `type`, `record` and `requestId`.
 */
export const jsonKeysRead = (commands: readonly Command[], columns: readonly string[]): Set<string> => {
  const names = new Set([...columns, ...commands.flatMap(fieldNames)]);
  const keys = new Set<string>();
  for (const name of names) {
    if ((LAMBDA_FIELD_NAMES as readonly string[]).includes(name))
      for (const key of ['type', 'record', 'requestId']) keys.add(key);
    const ref = fieldRef(name);
    if (ref.system) continue;
    for (let i = 1; i <= ref.path.length; i++) keys.add(ref.path.slice(0, i).join('.'));
  }
  return keys;
};
