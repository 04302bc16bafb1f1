import fc from 'fast-check';
import { rowObjects, runQuery, startQuery } from '../../tools/insights';
import { T0 } from './helpers';
import {
  type Agg,
  type Cond,
  evaluate,
  queryText,
  type Rec,
  type RefQuery,
  type Scalar,
} from './reference-evaluator';

// Small vocabularies so that filters match, groups repeat and sorts tie.
const letters = fc.constantFrom('x', 'y', 'xy', 'yx', 'z');
const number = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.integer({ min: -40, max: 40 }).map((n) => n / 2),
);
const mixed: fc.Arbitrary<Scalar> = fc.oneof(number, letters);

const record: fc.Arbitrary<Rec> = fc.record({
  timestamp: fc.integer({ min: 0, max: 20 }).map((minute) => T0 + minute * 60_000),
  fields: fc.record({ a: mixed, b: letters, n: number }, { requiredKeys: [] }),
});

const field = fc.constantFrom('a', 'b', 'n', 'absent');
const ops = fc.constantFrom<'=' | '!=' | '<' | '<=' | '>' | '>='>('=', '!=', '<', '<=', '>', '>=');

const cond: fc.Arbitrary<Cond> = fc.letrec<{ cond: Cond }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('cmp' as const), field, op: ops, value: mixed }),
    fc.record({ kind: fc.constant('present' as const), field }),
    fc.record({
      kind: fc.constant('in' as const),
      field,
      values: fc.array(mixed, { minLength: 1, maxLength: 3 }),
      negated: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('like' as const),
      field,
      needle: fc.constantFrom('x', 'y', '1', '-', '.5'),
      negated: fc.boolean(),
    }),
    fc.record({
      kind: fc.constantFrom('and' as const, 'or' as const),
      left: tie('cond'),
      right: tie('cond'),
    }),
    fc.record({ kind: fc.constant('not' as const), inner: tie('cond') }),
  ),
})).cond;

const agg: fc.Arbitrary<Agg> = fc
  .oneof(
    fc.record({ fn: fc.constant('count' as const), field: fc.option(field, { nil: undefined }) }),
    fc.record({
      fn: fc.constantFrom('sum' as const, 'min' as const, 'max' as const, 'avg' as const),
      field: fc.constant('n'),
    }),
  )
  .map((a) => ({ ...a, alias: '' }));

const withAliases = (aggs: Agg[]): Agg[] => aggs.map((a, i) => ({ ...a, alias: `agg${i}` }));

const rowQuery: fc.Arbitrary<RefQuery> = fc.record(
  {
    filter: cond,
    sort: fc.record({ field, descending: fc.boolean() }),
    limit: fc.integer({ min: 1, max: 12 }),
    fields: fc.constant(['a', 'b', 'n']),
  },
  { requiredKeys: ['fields'] },
);

const statsQuery: fc.Arbitrary<RefQuery> = fc
  .record(
    {
      filter: cond,
      aggs: fc.array(agg, { minLength: 1, maxLength: 3 }),
      by: fc.constantFrom('a', 'b', 'n', 'absent'),
      sort: fc.boolean(),
      descending: fc.boolean(),
      limit: fc.integer({ min: 1, max: 6 }),
    },
    { requiredKeys: ['aggs', 'sort', 'descending'] },
  )
  .map(({ filter, aggs, by, sort, descending, limit }) => {
    const aliased = withAliases(aggs);
    return {
      filter,
      stats: { aggs: aliased, by },
      sort: sort ? { field: aliased[0].alias, descending } : undefined,
      limit,
      fields: [],
    };
  });

const toEvent = (rec: Rec) => ({ timestamp: rec.timestamp, message: JSON.stringify(rec.fields) });
const engine = (query: RefQuery, recs: readonly Rec[]) =>
  rowObjects(runQuery(queryText(query), recs.map(toEvent)).rows);

describe('the engine against a naive reference evaluator', () => {
  it('filter, sort and limit give the reference rows', () => {
    fc.assert(
      fc.property(rowQuery, fc.array(record, { maxLength: 40 }), (query, recs) => {
        expect(engine(query, recs)).toEqual(evaluate(query, recs));
      }),
      { numRuns: 300 },
    );
  });

  it('filter, stats by, sort and limit give the reference rows', () => {
    fc.assert(
      fc.property(statsQuery, fc.array(record, { maxLength: 40 }), (query, recs) => {
        expect(engine(query, recs)).toEqual(evaluate(query, recs));
      }),
      { numRuns: 300 },
    );
  });

  // The raw-text pre-check and the key scanner work on the text: a writer that escapes letters (legal JSON)
  // must not change a single row.
  it('gives the same rows when the JSON spells letters as \\u escapes', () => {
    const escaped = (rec: Rec, every: number) => ({
      timestamp: rec.timestamp,
      message: JSON.stringify(rec.fields).replace(/[a-z]/g, (c, offset: number) =>
        offset % every === 0 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c,
      ),
    });
    fc.assert(
      fc.property(
        fc.oneof(rowQuery, statsQuery),
        fc.array(record, { maxLength: 30 }),
        fc.integer({ min: 1, max: 3 }),
        (query, recs, every) => {
          const rows = rowObjects(
            runQuery(
              queryText(query),
              recs.map((rec) => escaped(rec, every)),
            ).rows,
          );
          expect(rows).toEqual(evaluate(query, recs));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives, at any point of the stream, the rows of the events seen so far (snapshots change nothing)', () => {
    fc.assert(
      fc.property(
        fc.oneof(rowQuery, statsQuery),
        fc.array(record, { maxLength: 30 }),
        fc.nat(),
        (query, recs, cut) => {
          const split = recs.length === 0 ? 0 : cut % (recs.length + 1);
          const run = startQuery(queryText(query));
          for (const rec of recs.slice(0, split)) run.push(toEvent(rec));
          expect(rowObjects(run.snapshot().rows)).toEqual(evaluate(query, recs.slice(0, split)));
          for (const rec of recs.slice(split)) run.push(toEvent(rec));
          expect(rowObjects(run.snapshot().rows)).toEqual(evaluate(query, recs));
          expect(rowObjects(run.finish().rows)).toEqual(evaluate(query, recs));
        },
      ),
      { numRuns: 100 },
    );
  });
});
