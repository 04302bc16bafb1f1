import { type Collector, FirstRows, rowOrder, TopRows } from './collectors';
import { type CompileContext, compileExpression } from './compile-expression';
import { DedupRows } from './dedup';
import { fieldRef } from './field-ref';
import { MAX_JSON_FIELDS } from './json-fields';
import { JsonScanner } from './json-scanner';
import { ParseStep } from './parse-step';
import { type CollectorPlan, planSegments, type Segment } from './plan';
import { compilePrefilter } from './prefilter';
import { parseQuery, type Query } from './query';
import { MAX_LIMIT } from './query-checks';
import { jsonKeysRead } from './query-fields';
import { type ResultRow, toResultRow } from './results';
import { ComputeStep, FilterStep, type Sink, SortKeyStep } from './row-steps';
import { EventRow, type InsightsEvent, type Row } from './rows';
import { StatsStage } from './stats-stage';

export interface QueryOptions {
  /** Events before this time (epoch ms) are not scanned. */
  readonly start?: number;
  /** Events after this time (epoch ms, inclusive) are not scanned. */
  readonly end?: number;
  /** StartQuery's `limit`: at most this many rows (default and maximum 10,000). */
  readonly limit?: number;
}

/** GetQueryResults' statistics. */
export interface QueryStatistics {
  recordsScanned: number;
  recordsMatched: number;
  bytesScanned: number;
}

export interface QueryResults {
  readonly status: 'Running' | 'Complete';
  /** The columns, in order; a row holds only the ones it has a value for. */
  readonly fields: readonly string[];
  readonly rows: ResultRow[];
  readonly statistics: QueryStatistics;
  readonly warnings: readonly string[];
}

const buildCollector = (plan: CollectorPlan, context: CompileContext): Collector => {
  switch (plan.kind) {
    case 'stats':
      return new StatsStage(plan.command, context);
    case 'first':
      return new FirstRows(plan.capacity);
    case 'top':
      return new TopRows(plan.capacity, rowOrder(plan.keys.map((key) => key.descending)));
    case 'dedup': {
      const fields = plan.fields.map((field) => fieldRef(field.kind === 'field' ? field.name : ''));
      return new DedupRows(fields, plan.capacity, rowOrder(plan.keys.map((key) => key.descending)));
    }
  }
};

/** The steps of a segment chained in front of its collector. */
const buildChain = (segment: Segment, text: string, collector: Sink): Sink => {
  const context: CompileContext = { text, columns: segment.columns };
  let sink = collector;
  for (const step of [...segment.steps].reverse()) {
    switch (step.kind) {
      case 'filter':
        sink = new FilterStep(compileExpression(step.expr, context), sink);
        break;
      case 'fields':
      case 'display':
        sink = new ComputeStep(step.items, context, sink);
        break;
      case 'parse':
        sink = new ParseStep(step.source, step.mode, context, sink);
        break;
      case 'sortKey':
        sink = new SortKeyStep(step.keys, context, sink);
        break;
      case 'unmask':
        break;
    }
  }
  return sink;
};

/**
 * One query over a stream of events: `push` them one at a time (any order), read `snapshot()` while it runs
 * and `finish()` at the end. Holds only what the query needs: group state for stats, k rows for
 * `sort | limit k`, at most the 10,000-row results cap otherwise.
 */
export class QueryRun {
  readonly statistics: QueryStatistics = { recordsScanned: 0, recordsMatched: 0, bytesScanned: 0 };
  private readonly segments: Segment[];
  private readonly first: Collector;
  private readonly head: Sink;
  private readonly prefilter: ((message: string) => boolean) | undefined;
  private readonly row: EventRow;
  private finished = false;

  constructor(
    readonly query: Query,
    private readonly options: QueryOptions = {},
  ) {
    const cap = Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? MAX_LIMIT)));
    this.segments = planSegments(query.commands, cap);
    const [segment] = this.segments;
    this.first = buildCollector(segment.collector, { text: query.text, columns: segment.columns });
    const statistics = this.statistics;
    const first = this.first;
    const counted: Sink = {
      push(row: Row) {
        statistics.recordsMatched++;
        first.push(row);
      },
    };
    this.head = buildChain(segment, query.text, counted);
    this.prefilter = compilePrefilter(query.commands);
    this.row = new EventRow(new JsonScanner(jsonKeysRead(query.commands, query.fields), MAX_JSON_FIELDS));
  }

  push(event: InsightsEvent): void {
    if (this.finished) throw new Error('the query has finished');
    const { start, end } = this.options;
    const time = event.timestamp;
    if ((start !== undefined && time < start) || (end !== undefined && time > end)) return;
    const statistics = this.statistics;
    const message = event.message;
    statistics.bytesScanned += Buffer.byteLength(message);
    const seq = statistics.recordsScanned++;
    if (this.prefilter && !this.prefilter(message)) return;
    this.head.push(this.row.reset(event, seq));
  }

  /** The results so far (status Running); the run continues. */
  snapshot(): QueryResults {
    return this.results('Running');
  }

  /** The final results (status Complete); pushing afterwards is an error. */
  finish(): QueryResults {
    this.finished = true;
    return this.results('Complete');
  }

  private results(status: QueryResults['status']): QueryResults {
    let rows = this.first.rows();
    for (const segment of this.segments.slice(1)) {
      const collector = buildCollector(segment.collector, {
        text: this.query.text,
        columns: segment.columns,
      });
      const chain = buildChain(segment, this.query.text, collector);
      // Copies: the kept rows must stay as they are for the next snapshot.
      rows.forEach((row, index) => {
        const copy = row.copy();
        copy.seq = index;
        chain.push(copy);
      });
      rows = collector.rows();
    }
    const fields = this.query.fields;
    const refs = fields.map(fieldRef);
    return {
      status,
      fields,
      rows: rows.map((row) => toResultRow(row, refs)),
      statistics: { ...this.statistics },
      warnings: this.query.warnings,
    };
  }
}

/** Starts a query run; a string is parsed first (and may throw QueryError). */
export const startQuery = (query: Query | string, options?: QueryOptions): QueryRun =>
  new QueryRun(typeof query === 'string' ? parseQuery(query) : query, options);

/** Runs a query over events in one go. */
export const runQuery = (
  query: Query | string,
  events: Iterable<InsightsEvent>,
  options?: QueryOptions,
): QueryResults => {
  const run = startQuery(query, options);
  for (const event of events) run.push(event);
  return run.finish();
};
