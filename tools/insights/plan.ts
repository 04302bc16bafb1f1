import { type Command, columnKey, type Expr, type SortKey } from './ast';

/** A row-wise command of a segment, or the point where a sort computes its key. */
export type Step =
  | Extract<Command, { kind: 'filter' | 'fields' | 'display' | 'parse' | 'unmask' }>
  | { kind: 'sortKey'; keys: readonly SortKey[] };

export type CollectorPlan =
  | { kind: 'top'; keys: readonly SortKey[]; capacity: number }
  | { kind: 'first'; capacity: number }
  | { kind: 'dedup'; fields: readonly Expr[]; keys: readonly SortKey[]; capacity: number }
  | { kind: 'stats'; command: Extract<Command, { kind: 'stats' }> };

/**
 * Row-wise steps ending in a collector. The first segment runs while events stream in; the others run over
 * the (bounded) rows of the one before, when results are read.
 */
export interface Segment {
  readonly steps: Step[];
  collector: CollectorPlan;
  /** Names of the columns the last stats produced, for `sort count(*)`-style references. */
  readonly columns?: ReadonlyMap<string, string>;
}

const ROW_WISE = new Set(['filter', 'fields', 'display', 'parse', 'unmask']);
const isRowWise = (command: Command | undefined): command is Extract<Step, { kind: string }> & Command =>
  command !== undefined && ROW_WISE.has(command.kind);

/** Without a sort, events come newest first ("the default descending sort order using @timestamp"). */
export const NEWEST_FIRST: readonly SortKey[] = [
  { expr: { kind: 'field', name: '@timestamp', start: 0, end: 0 }, descending: true },
];

/**
 * Splits the pipeline where rows must be kept: sort (with the limit after it), limit, dedup, stats. Row-wise
 * commands right after a sort run before its rows are kept, on the key computed where the sort stands, so
 * `sort x desc | filter y | limit 20` keeps 20 rows, not 20 sorted ones of which some fail the filter.
 */
export const planSegments = (commands: readonly Command[], resultCap: number): Segment[] => {
  const segments: Segment[] = [];
  let steps: Step[] = [];
  let columns: Map<string, string> | undefined;
  let eventRows = true;
  let ordered = false;
  const close = (collector: CollectorPlan): void => {
    segments.push({ steps, collector, columns });
    steps = [];
    if (collector.kind === 'stats') {
      eventRows = false;
      columns = new Map();
      for (const named of [...collector.command.by, ...collector.command.items])
        columns.set(columnKey(named.name), named.name);
    }
    ordered = collector.kind !== 'stats';
  };
  const capacityAt = (index: number): number => {
    const next = commands[index];
    return next?.kind === 'limit' ? next.count : resultCap;
  };

  for (let i = 0; i < commands.length; i++) {
    const command = commands[i];
    if (isRowWise(command)) {
      steps.push(command);
      continue;
    }
    switch (command.kind) {
      case 'sort': {
        let j = i + 1;
        const hoisted: Step[] = [];
        while (isRowWise(commands[j])) hoisted.push(commands[j++] as Step);
        const next = commands[j];
        if (next?.kind === 'stats' || next?.kind === 'sort') {
          // An order nothing keeps (no limit before the next stats or sort) changes nothing.
          steps.push(...hoisted);
        } else {
          steps.push({ kind: 'sortKey', keys: command.keys }, ...hoisted);
          if (next?.kind === 'dedup') {
            close({ kind: 'dedup', fields: next.fields, keys: command.keys, capacity: capacityAt(j + 1) });
            j++;
          } else {
            close({ kind: 'top', keys: command.keys, capacity: capacityAt(j) });
          }
        }
        i = j - 1;
        break;
      }
      case 'limit':
        if (eventRows && !ordered) {
          steps.push({ kind: 'sortKey', keys: NEWEST_FIRST });
          close({ kind: 'top', keys: NEWEST_FIRST, capacity: command.count });
        } else {
          close({ kind: 'first', capacity: command.count });
        }
        break;
      case 'dedup': {
        const keys = eventRows && !ordered ? NEWEST_FIRST : [];
        steps.push({ kind: 'sortKey', keys });
        close({ kind: 'dedup', fields: command.fields, keys, capacity: capacityAt(i + 1) });
        break;
      }
      case 'stats':
        close({ kind: 'stats', command });
        break;
    }
  }
  if (eventRows && !ordered) {
    steps.push({ kind: 'sortKey', keys: NEWEST_FIRST });
    close({ kind: 'top', keys: NEWEST_FIRST, capacity: resultCap });
  } else {
    close({ kind: 'first', capacity: resultCap });
  }
  return segments;
};
