import type { FieldRef } from './field-ref';
import { countLeaves, discoverJson, flattenJson, lookupJson, MAX_JSON_FIELDS } from './json-fields';
import type { JsonScanner } from './json-scanner';
import { type LambdaFields, lambdaFields } from './lambda-fields';
import { Timestamp, type Value } from './values';

/** One log event as the caller hands it to the engine. */
export interface InsightsEvent {
  /** Event time, epoch milliseconds (`@timestamp`). */
  readonly timestamp: number;
  /** The raw event (`@message`). */
  readonly message: string;
  /** `@log`: taken as given (the service shows `account-id:log-group-name`). */
  readonly logGroup?: string;
  readonly logStream?: string;
  readonly ingestionTime?: number;
}

/** What every command reads and writes: an event with the fields earlier commands computed, or a stats row. */
export interface Row {
  /** Arrival order (or position in the rows a previous command kept): the tie-breaker that keeps sorts stable. */
  seq: number;
  /** Event time in ms; NaN for rows that `stats` produced. */
  readonly timestamp: number;
  get(field: FieldRef): Value;
  set(name: string, value: Value): void;
  /** Sort key computed by the sort command in effect. */
  sortKey: Value[] | undefined;
  /** A copy that outlives the scan (which reuses one row object for every event). */
  copy(): Row;
}

const UNPARSED = Symbol('unparsed');
type Discovered = Record<string, unknown> | undefined | typeof UNPARSED;

/** An event row: JSON and Lambda fields are discovered on first use only, then kept for the other commands. */
export class EventRow implements Row {
  seq = 0;
  timestamp = 0;
  sortKey: Value[] | undefined;
  private event!: InsightsEvent;
  private json: Discovered = UNPARSED;
  private flat: Map<string, Value> | undefined;
  private lambda: LambdaFields | undefined;
  private time: Timestamp | undefined;
  private computed: Map<string, Value> | undefined;

  /** `scanner`: reads only the top-level keys the query uses, instead of parsing whole messages. */
  constructor(private readonly scanner?: JsonScanner) {}

  /** Points this (reused) row at the next event. */
  reset(event: InsightsEvent, seq: number): this {
    this.event = event;
    this.seq = seq;
    this.timestamp = event.timestamp;
    this.sortKey = undefined;
    this.json = UNPARSED;
    this.flat = undefined;
    this.lambda = undefined;
    this.time = undefined;
    this.computed = undefined;
    return this;
  }

  get(field: FieldRef): Value {
    if (this.computed?.has(field.name)) return this.computed.get(field.name);
    if (field.system) return this.system(field);
    const json = this.discovered();
    if (json === undefined) return undefined;
    return this.flat ? this.flat.get(field.jsonName) : lookupJson(json, field.path);
  }

  set(name: string, value: Value): void {
    this.computed ??= new Map();
    this.computed.set(name, value);
  }

  copy(): EventRow {
    const copy = new EventRow(this.scanner).reset(this.event, this.seq);
    copy.sortKey = this.sortKey;
    copy.json = this.json;
    copy.flat = this.flat;
    copy.lambda = this.lambda;
    copy.time = this.time;
    copy.computed = this.computed && new Map(this.computed);
    return copy;
  }

  private discovered(): Record<string, unknown> | undefined {
    if (this.json !== UNPARSED) return this.json;
    const message = this.event.message;
    if (this.scanner) {
      const from = message.indexOf('{');
      const to = message.lastIndexOf('}') + 1;
      const scanned = from < 0 || to <= from ? undefined : this.scanner.scan(message, from, to);
      if (scanned !== 'fallback') {
        this.json = scanned;
        return scanned;
      }
    }
    const json = discoverJson(message);
    this.json = json;
    // Only an object that can hold more leaves than the cap pays for counting them.
    if (
      json &&
      message.length > 2 * MAX_JSON_FIELDS &&
      countLeaves(json, MAX_JSON_FIELDS) > MAX_JSON_FIELDS
    ) {
      this.flat = flattenJson(json);
    }
    return json;
  }

  private system(field: FieldRef): Value {
    const event = this.event;
    switch (field.system) {
      case '@timestamp':
        this.time ??= new Timestamp(event.timestamp);
        return this.time;
      case '@message':
        return event.message;
      case '@log':
        return event.logGroup;
      case '@logStream':
        return event.logStream;
      case '@ingestionTime':
        return event.ingestionTime === undefined ? undefined : new Timestamp(event.ingestionTime);
      default:
        this.lambda ??= lambdaFields(event.message, this.discovered());
        return this.lambda[field.system!];
    }
  }
}

/** A row that `stats` produced: its group keys and aggregates, by column name. */
export class StatsRow implements Row {
  readonly timestamp = Number.NaN;
  sortKey: Value[] | undefined;
  private readonly values = new Map<string, Value>();

  constructor(public seq: number) {}

  get(field: FieldRef): Value {
    return this.values.get(field.name);
  }

  set(name: string, value: Value): void {
    this.values.set(name, value);
  }

  copy(): StatsRow {
    const copy = new StatsRow(this.seq);
    for (const [name, value] of this.values) copy.set(name, value);
    copy.sortKey = this.sortKey;
    return copy;
  }
}
