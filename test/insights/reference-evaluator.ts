/**
 * A deliberately naive Logs Insights evaluator for a small query subset (filter, stats, sort, limit), written
 * from the semantics the engine documents, without sharing any of its code: whole arrays, plain loops, no
 * streaming, no heaps. The property tests check the engine against it.
 */

export type Scalar = string | number;
export type Rec = { readonly timestamp: number; readonly fields: Readonly<Record<string, Scalar>> };

export type Cond =
  | { kind: 'cmp'; field: string; op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: Scalar }
  | { kind: 'present'; field: string }
  | { kind: 'in'; field: string; values: Scalar[]; negated: boolean }
  | { kind: 'like'; field: string; needle: string; negated: boolean }
  | { kind: 'and' | 'or'; left: Cond; right: Cond }
  | { kind: 'not'; inner: Cond };

export type Agg = { fn: 'count' | 'sum' | 'min' | 'max' | 'avg'; field?: string; alias: string };

export interface RefQuery {
  readonly filter?: Cond;
  readonly stats?: { readonly aggs: Agg[]; readonly by?: string };
  readonly sort?: { readonly field: string; readonly descending: boolean };
  readonly limit?: number;
  /** Columns of a query without stats. */
  readonly fields: string[];
}

const literal = (value: Scalar): string =>
  typeof value === 'number' ? String(value) : JSON.stringify(value);

const condText = (cond: Cond): string => {
  switch (cond.kind) {
    case 'cmp':
      return `${cond.field} ${cond.op} ${literal(cond.value)}`;
    case 'present':
      return `ispresent(${cond.field})`;
    case 'in':
      return `${cond.field} ${cond.negated ? 'not in' : 'in'} [${cond.values.map(literal).join(', ')}]`;
    case 'like':
      return `${cond.field} ${cond.negated ? 'not like' : 'like'} ${JSON.stringify(cond.needle)}`;
    case 'and':
    case 'or':
      return `(${condText(cond.left)} ${cond.kind} ${condText(cond.right)})`;
    case 'not':
      return `not (${condText(cond.inner)})`;
  }
};

export const queryText = (query: RefQuery): string => {
  const parts: string[] = [];
  if (!query.stats) parts.push(`fields ${query.fields.join(', ')}`);
  if (query.filter) parts.push(`filter ${condText(query.filter)}`);
  if (query.stats) {
    const aggs = query.stats.aggs.map((agg) => `${agg.fn}(${agg.field ?? '*'}) as ${agg.alias}`);
    parts.push(`stats ${aggs.join(', ')}${query.stats.by ? ` by ${query.stats.by}` : ''}`);
  }
  if (query.sort) parts.push(`sort ${query.sort.field} ${query.sort.descending ? 'desc' : 'asc'}`);
  if (query.limit !== undefined) parts.push(`limit ${query.limit}`);
  return parts.join(' | ');
};

const isNumericText = (s: string): boolean => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s);

/** -1, 0, 1; undefined when a side is missing; NaN when a number meets a non-numeric string. */
const order = (a: Scalar | undefined, b: Scalar | undefined): number | undefined => {
  if (a === undefined || b === undefined) return undefined;
  if (typeof a === 'string' && typeof b === 'string') return a === b ? 0 : a < b ? -1 : 1;
  const x = typeof a === 'number' ? a : isNumericText(a) ? Number(a) : Number.NaN;
  const y = typeof b === 'number' ? b : isNumericText(b) ? Number(b) : Number.NaN;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  return x === y ? 0 : x < y ? -1 : 1;
};

export const holds = (cond: Cond, rec: Rec): boolean => {
  const get = (field: string) => rec.fields[field];
  switch (cond.kind) {
    case 'cmp': {
      const o = order(get(cond.field), cond.value);
      if (o === undefined) return false;
      if (Number.isNaN(o)) return cond.op === '!=';
      return { '=': o === 0, '!=': o !== 0, '<': o < 0, '<=': o <= 0, '>': o > 0, '>=': o >= 0 }[cond.op];
    }
    case 'present':
      return get(cond.field) !== undefined;
    case 'in': {
      const value = get(cond.field);
      if (value === undefined) return false;
      return cond.values.some((candidate) => order(value, candidate) === 0) !== cond.negated;
    }
    case 'like': {
      const value = get(cond.field);
      if (value === undefined) return false;
      return String(value).includes(cond.needle) !== cond.negated;
    }
    case 'and':
      return holds(cond.left, rec) && holds(cond.right, rec);
    case 'or':
      return holds(cond.left, rec) || holds(cond.right, rec);
    case 'not':
      return !holds(cond.inner, rec);
  }
};

/** Sort order for the generated values (numbers, letters-only strings): missing, then strings, then numbers. */
const sortCompare = (a: Scalar | undefined, b: Scalar | undefined): number => {
  const rank = (v: Scalar | undefined) => (v === undefined ? 0 : typeof v === 'string' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a === undefined || b === undefined || a === b) return 0;
  return a < b ? -1 : 1;
};

const aggregate = (agg: Agg, recs: Rec[]): Scalar | undefined => {
  if (agg.fn === 'count')
    return agg.field ? recs.filter((r) => r.fields[agg.field!] !== undefined).length : recs.length;
  const numbers = recs.map((r) => r.fields[agg.field!]).filter((v): v is number => typeof v === 'number');
  if (numbers.length === 0) return undefined;
  let total = 0;
  for (const n of numbers) total += n;
  if (agg.fn === 'sum') return total;
  if (agg.fn === 'avg') return total / numbers.length;
  return agg.fn === 'min' ? Math.min(...numbers) : Math.max(...numbers);
};

type Row = { seq: number; values: Record<string, Scalar | undefined> };

/** The rows the query gives, as field-to-string objects without missing values. */
export const evaluate = (query: RefQuery, recs: readonly Rec[]): Record<string, string>[] => {
  const matched = recs.filter((rec) => !query.filter || holds(query.filter, rec));
  let rows: Row[];
  let columns: string[];
  if (query.stats) {
    const { aggs, by } = query.stats;
    const groups = new Map<string, Rec[]>();
    for (const rec of matched) {
      const value = by ? rec.fields[by] : undefined;
      const key = value === undefined ? '\u0000missing' : String(value);
      groups.set(key, [...(groups.get(key) ?? []), rec]);
    }
    rows = [...groups.values()].map((members, seq) => {
      const values: Record<string, Scalar | undefined> = {};
      if (by) values[by] = members[0].fields[by];
      for (const agg of aggs) values[agg.alias] = aggregate(agg, members);
      return { seq, values };
    });
    columns = [...(by ? [by] : []), ...aggs.map((agg) => agg.alias)];
  } else {
    // Without a sort, newest first; equal timestamps keep their arrival order.
    rows = matched.map((rec, seq) => ({ seq, values: { ...rec.fields, timestamp: rec.timestamp } }));
    if (!query.sort)
      rows.sort((a, b) => Number(b.values.timestamp) - Number(a.values.timestamp) || a.seq - b.seq);
    columns = query.fields;
  }
  if (query.sort) {
    const { field, descending } = query.sort;
    rows.sort((a, b) => {
      const o = sortCompare(a.values[field], b.values[field]);
      return (descending ? -o : o) || a.seq - b.seq;
    });
  }
  rows = rows.slice(0, query.limit ?? 10_000);
  return rows.map((row) => {
    const out: Record<string, string> = {};
    for (const column of columns) {
      const value = row.values[column];
      if (value !== undefined) out[column] = String(value);
    }
    return out;
  });
};
