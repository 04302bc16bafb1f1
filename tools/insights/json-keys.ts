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

/**
 * Every top-level JSON key the query can read, so events are scanned for those keys only: `error.name` needs
 * `error` (and a literal `error.name` key); Lambda's `@` fields need `type`, `record` and `requestId`.
 */
export const jsonKeysRead = (commands: readonly Command[], columns: readonly string[]): Set<string> => {
  const names = new Set(columns);
  for (const command of commands) {
    for (const expr of exprsOf(command))
      for (const node of walk(expr)) if (node.kind === 'field') names.add(node.name);
  }
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
