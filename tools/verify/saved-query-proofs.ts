import { type FieldName, recordKeys } from '../../layer/src/event-catalog';
import { CorrelationIdPlaceholder } from '../../lib/saved-queries';
import type { StackModel } from '../cloud-assembly';
import { checkQuery, fieldsRead, type InsightsEvent, rowObjects, runQuery } from '../insights';
import { fieldRef } from '../insights/field-ref';
import { flattenJson } from '../insights/json-fields';
import { parseJsonObject } from '../local/event-time';
import { logLabel } from '../local/insights-queries';
import { stackSavedQueries } from '../local/web/saved-queries';
import { accessLogLines } from './access-log-lines';
import type { CapturedRecord, FunctionRole, InvocationOutcome, InvocationPlan } from './protocol';
import type { TimelineEvent } from './timeline';

/** Rows of each saved query the report shows. */
const SampleRows = 3;
const sourceIp: FieldName<'login_attempt'> = 'source_ip';

export interface SavedQueryProof {
  readonly name: string;
  readonly logGroups: readonly string[];
  /** The query as run: the saved text, with a real correlation id where it has the placeholder. */
  readonly queryString: string;
  readonly substituted?: { readonly placeholder: string; readonly value: string; readonly scenario: string };
  readonly fieldsRead: readonly string[];
  readonly missingFields: readonly string[];
  readonly rows: number;
  readonly columns: readonly string[];
  readonly sample: readonly Readonly<Record<string, string>>[];
  /** What the scenarios say the first row must show, when they say anything. */
  readonly expectation?: string;
  readonly verdict: 'ok' | 'failed';
  readonly problems: readonly string[];
}

export interface SavedQueryEvidence {
  readonly timeline: readonly TimelineEvent[];
  readonly plans: readonly InvocationPlan[];
  readonly records: readonly CapturedRecord[];
  readonly outcomes: readonly InvocationOutcome[];
  readonly logGroupOf: Readonly<Record<FunctionRole, string>>;
}

const durationMs: FieldName<'request_completed'> = 'duration_ms';
const finalEvents: ReadonlySet<string> = new Set(['request_completed', 'request_failed', 'request_timeout']);

/** The correlation ids of the requests with the largest duration, found without the query language. */
const slowestRequests = (timeline: readonly TimelineEvent[]) => {
  let max = Number.NEGATIVE_INFINITY;
  let ids = new Set<string>();
  for (const event of timeline) {
    if (!finalEvents.has(event.event)) continue;
    const record = parseJsonObject(event.line);
    const duration = record?.[durationMs];
    const id = record?.[recordKeys.correlationId];
    if (typeof duration !== 'number' || typeof id !== 'string') continue;
    if (duration > max) [max, ids] = [duration, new Set([id])];
    else if (duration === max) ids.add(id);
  }
  return { durationMs: max, ids };
};

/** What a query's first row must show, and the check. */
interface Witness {
  readonly what: string;
  readonly holds: (row: Record<string, string>) => boolean;
}

const correlationIdOf = (line: string): string | undefined => {
  const id = parseJsonObject(line)?.[recordKeys.correlationId];
  return typeof id === 'string' ? id : undefined;
};

/**
 * What the scenarios promise a saved query shows first, by its display name: the brute-force address leads
 * the failed logins; the slowest request any scenario made (computed from the records themselves) leads the
 * slowest requests.
 */
const witnessesOf = (evidence: SavedQueryEvidence): Map<string, Witness> => {
  const ofScenario = (scenario: string) => evidence.plans.filter((plan) => plan.scenario === scenario);
  const burstIps = new Set(
    ofScenario('failed-login-burst')
      .filter((plan) => plan.role === 'login')
      .map((plan) => plan.request.sourceIp),
  );
  const witnesses = new Map<string, Witness>();
  // Only where the scenario ran: a renamed or dropped scenario must not fail a query it says nothing about.
  if (burstIps.size > 0)
    witnesses.set('Failed logins by source IP', {
      what: `the failed-login burst's address (${[...burstIps].join(', ')}) first`,
      holds: (row) => burstIps.has(row[sourceIp] ?? ''),
    });
  const slowest = slowestRequests(evidence.timeline);
  if (slowest.ids.size > 0)
    witnesses.set('Slowest requests', {
      what: `the slowest request of the scenarios (${slowest.durationMs} ms) first`,
      holds: (row) => slowest.ids.has(row[recordKeys.correlationId] ?? ''),
    });
  return witnesses;
};

/**
 * The request the correlation-id query is proven on: the one that wrote the most layer records in its groups.
 * Only records that carry a correlation id count: a line printed past the layer (a dependency's own
 * `console.log`, as the redaction-leak scenario has) has none, and no query by id can find it.
 */
const chosenRequest = (evidence: SavedQueryEvidence, groups: ReadonlySet<string>) => {
  const counts = new Map<number, number>();
  for (const record of evidence.records)
    if (correlationIdOf(record.line) !== undefined)
      counts.set(record.invocationId, (counts.get(record.invocationId) ?? 0) + 1);
  const candidates = evidence.plans.filter(
    (plan) => groups.has(evidence.logGroupOf[plan.role]) && counts.has(plan.id),
  );
  const plan = candidates.sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0) || a.id - b.id)[0];
  const id =
    plan &&
    evidence.records
      .map((r) => (r.invocationId === plan.id ? correlationIdOf(r.line) : undefined))
      .find(Boolean);
  return plan && id ? { plan, id, records: counts.get(plan.id) ?? 0 } : undefined;
};

/**
 * Every saved Logs Insights query of the stack, run on the records verify's scenarios wrote (and the access log
 * lines their requests would produce): each must parse, read only fields some record of its log groups carries
 * (or an `@` field the service generates), and return rows; some must show what the scenarios put there.
 */
export const proveSavedQueries = (model: StackModel, evidence: SavedQueryEvidence): SavedQueryProof[] => {
  const access = accessLogLines(model, evidence.plans, evidence.records, evidence.outcomes);
  const events = new Map<string, InsightsEvent[]>();
  const keysOf = new Map<string, Set<string>>();
  const add = (group: string, timestamp: number, message: string) => {
    if (!events.has(group)) {
      events.set(group, []);
      keysOf.set(group, new Set());
    }
    events.get(group)!.push({ timestamp, message, logGroup: logLabel(model.pseudo.accountId, group) });
    const keys = keysOf.get(group)!;
    for (const key of flattenJson(parseJsonObject(message) ?? {}).keys()) keys.add(key);
  };
  for (const event of evidence.timeline) add(event.logGroupName, event.timestampMs, event.line);
  for (const line of access) add(line.logGroupName, line.timestampMs, line.line);
  const expected = witnessesOf(evidence);

  return stackSavedQueries(model).map((saved): SavedQueryProof => {
    const problems: string[] = [];
    const groups = new Set(saved.logGroups);
    let queryString = saved.queryString;
    let substituted: SavedQueryProof['substituted'];
    let requestEvents: number | undefined;
    if (queryString.includes(CorrelationIdPlaceholder)) {
      const request = chosenRequest(evidence, groups);
      if (request) {
        queryString = queryString.replaceAll(CorrelationIdPlaceholder, request.id);
        substituted = {
          placeholder: CorrelationIdPlaceholder,
          value: request.id,
          scenario: request.plan.scenario,
        };
        requestEvents =
          request.records +
          access.filter((line) => line.invocationId === request.plan.id && groups.has(line.logGroupName))
            .length;
      }
    }
    const checked = checkQuery(queryString);
    const base = { name: saved.name, logGroups: saved.logGroups, queryString, substituted };
    if (!checked.ok) {
      const problem = `saved query ${saved.name} does not parse: ${checked.error.message}`;
      return {
        ...base,
        fieldsRead: [],
        missingFields: [],
        rows: 0,
        columns: [],
        sample: [],
        verdict: 'failed',
        problems: [problem],
      };
    }
    const read = fieldsRead(checked.query.commands);
    const carried = new Set(saved.logGroups.flatMap((group) => [...(keysOf.get(group) ?? [])]));
    const missingFields = read.filter((field) => !fieldRef(field).system && !carried.has(field));
    if (missingFields.length > 0)
      problems.push(
        `saved query ${saved.name} reads ${missingFields.join(', ')}: no record of ${saved.logGroups.join(', ')} carries ${missingFields.length > 1 ? 'them' : 'it'}`,
      );
    const input = saved.logGroups.flatMap((group) => events.get(group) ?? []);
    const result = runQuery(checked.query, input);
    const rows = rowObjects(result.rows);
    if (rows.length === 0)
      problems.push(`saved query ${saved.name} returns no rows on the scenarios' records`);
    if (requestEvents !== undefined && rows.length !== requestEvents)
      problems.push(
        `saved query ${saved.name} returns ${rows.length} rows for request ${substituted?.value}, which wrote ${requestEvents} events`,
      );
    const witness = expected.get(saved.name.slice(saved.name.lastIndexOf('/') + 1));
    // With a field missing, what comes first means nothing: that problem is the one to fix.
    if (witness && missingFields.length === 0 && rows.length > 0 && !witness.holds(rows[0]))
      problems.push(`saved query ${saved.name} should show ${witness.what}`);
    return {
      ...base,
      fieldsRead: read,
      missingFields,
      rows: rows.length,
      columns: result.fields,
      sample: rows.slice(0, SampleRows),
      expectation:
        witness?.what ??
        (requestEvents === undefined ? undefined : `the ${requestEvents} events of that request`),
      verdict: problems.length === 0 ? 'ok' : 'failed',
      problems,
    };
  });
};
