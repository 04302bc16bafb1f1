import { FilterPatternError } from './errors';
import type { ScalarValue } from './value-condition';

export type SelectorSegment =
  | { readonly type: 'key'; readonly name: string }
  | { readonly type: 'index'; readonly index: number }
  | { readonly type: 'wildcard' };

export interface JsonSelector {
  /** The selector as written, which is also its key in `extractedValues` (`$.status_code`). */
  readonly text: string;
  readonly segments: readonly SelectorSegment[];
  readonly wildcards: number;
}

/** "Property selectors are alphanumeric strings that support hyphen (-) and underscore (_) characters." */
const NAME = /^[A-Za-z0-9_-]+/;

/** Parses `$.a.b[0]`, `$.*`, `$.a[*]` and `$.['cluster.name']`; `position` is where the `$` stands. */
export function parseSelector(text: string, position: number): JsonSelector {
  const segments: SelectorSegment[] = [];
  let pos = 1;
  const fail = (problem: string): never => {
    throw new FilterPatternError(`${problem} in selector '${text}'`, position + pos);
  };
  if (text[1] !== '.') fail("expected '.' after '$'");
  while (pos < text.length) {
    if (text[pos] === '.') {
      pos++;
      if (text[pos] === '*') {
        segments.push({ type: 'wildcard' });
        pos++;
        continue;
      }
      if (text[pos] === '[' && (text[pos + 1] === "'" || text[pos + 1] === '"')) continue;
      const name = NAME.exec(text.slice(pos));
      if (!name) fail('expected a property name');
      segments.push({ type: 'key', name: name![0] });
      pos += name![0].length;
    } else if (text[pos] === '[') {
      const close = text.indexOf(']', pos);
      const inner = close < 0 ? '' : text.slice(pos + 1, close);
      if (inner === '*') segments.push({ type: 'wildcard' });
      else if (/^\d+$/.test(inner)) {
        // "Array elements are denoted with [NUMBER] syntax, and must follow a property".
        if (segments.length === 0) fail('an array index must follow a property');
        segments.push({ type: 'index', index: Number(inner) });
      } else if (/^'[^']*'$|^"[^"]*"$/.test(inner)) segments.push({ type: 'key', name: inner.slice(1, -1) });
      else fail("expected a number, '*' or a quoted name inside '[ ]'");
      pos = close + 1;
    } else {
      fail(`unexpected character '${text[pos]}'`);
    }
  }
  if (segments.length === 0) fail('expected a property after "$."');
  const wildcards = segments.filter((segment) => segment.type === 'wildcard').length;
  // "You can only use up to one wildcard selector in a property selector."
  if (wildcards > 1) throw new FilterPatternError(`more than one wildcard in selector '${text}'`, position);
  return { text, segments, wildcards };
}

const isContainer = (node: unknown): node is Record<string, unknown> | unknown[] =>
  typeof node === 'object' && node !== null;

function step(node: unknown, segment: SelectorSegment, out: unknown[]): void {
  if (!isContainer(node)) return;
  if (segment.type === 'wildcard') {
    for (const child of Array.isArray(node) ? node : Object.values(node)) out.push(child);
  } else if (segment.type === 'index') {
    if (Array.isArray(node) && segment.index < node.length) out.push(node[segment.index]);
  } else if (!Array.isArray(node) && Object.hasOwn(node, segment.name)) {
    out.push(node[segment.name]);
  }
}

/** Every node the selector reaches (several with a wildcard); empty when the property does not exist. */
export function resolveSelector(root: unknown, selector: JsonSelector): unknown[] {
  let nodes: unknown[] = [root];
  for (const segment of selector.segments) {
    const next: unknown[] = [];
    for (const node of nodes) step(node, segment, next);
    if (next.length === 0) return next;
    nodes = next;
  }
  return nodes;
}

/**
 * The scalar view of a node, or undefined for objects, arrays and null: "If a property selector points
 * to an array or object, the filter pattern won't match the log format."
 */
export function toScalar(node: unknown): ScalarValue | undefined {
  if (typeof node === 'string') return { text: node };
  if (typeof node === 'number') return { text: String(node), number: node };
  if (typeof node === 'boolean') return { text: String(node) };
  return undefined;
}
