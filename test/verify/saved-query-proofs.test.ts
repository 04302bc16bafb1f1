import { loadStackModel, readCdkOut, type StackModel } from '../../tools/cloud-assembly';
import type { CapturedRecord, InvocationPlan } from '../../tools/verify/protocol';
import { proveSavedQueries, type SavedQueryEvidence } from '../../tools/verify/saved-query-proofs';
import { simulationStartMs, type TimelineEvent } from '../../tools/verify/timeline';
import { sharedCdkOut, sharedSynthTimeoutMs } from '../support/shared-synth';

/**
 * Saved queries proven like alarms: every QueryDefinition of the stack runs on verify's records. Unit cases
 * on hand-made evidence; `logs verify` itself on a template whose saved query names a renamed field is in
 * verify.test.ts (one run for both of its negative controls).
 */
let cdkOut: string;
let model: StackModel;

beforeAll(async () => {
  cdkOut = await sharedCdkOut();
  model = loadStackModel(cdkOut);
  // waits for the run's shared synthesis (test/support/shared-synth.ts)
}, sharedSynthTimeoutMs);

const groupOf = (service: string) =>
  model.functions.find((fn) => fn.environment.POWERTOOLS_SERVICE_NAME === service)!.logGroupName;

/** A small story: two failed logins from the attacker, one slow timed-out login, one health check. */
const evidence = (): SavedQueryEvidence => {
  const login = groupOf('login');
  const health = groupOf('health');
  const request = (sourceIp: string, path = '/login') => ({ method: 'POST', path, headers: {}, sourceIp });
  const plans: InvocationPlan[] = [
    {
      id: 0,
      scenario: 'failed-login-burst',
      role: 'login',
      atMs: 0,
      request: request('203.0.113.66'),
      faults: [],
      remainingMs: 1,
    },
    {
      id: 1,
      scenario: 'failed-login-burst',
      role: 'login',
      atMs: 1000,
      request: request('203.0.113.66'),
      faults: [],
      remainingMs: 1,
    },
    {
      id: 2,
      scenario: 'timeouts',
      role: 'login',
      atMs: 2000,
      request: request('198.51.100.7'),
      faults: [],
      remainingMs: 1,
    },
    {
      id: 3,
      scenario: 'healthy-checks',
      role: 'health',
      atMs: 3000,
      request: request('192.0.2.10', '/health/logs'),
      faults: [],
      remainingMs: 1,
    },
  ];
  const line = (id: number, fields: Record<string, unknown>) =>
    JSON.stringify({
      level: 'INFO',
      service: id === 3 ? 'health' : 'login',
      correlation_id: `c${id}`,
      api_request_id: `a${id}`,
      function_request_id: `r${id}`,
      ...fields,
    });
  const failed = (id: number) => [
    line(id, {
      message: 'login_attempt',
      category: 'security',
      outcome: 'failure',
      reason: 'bad_password',
      user: 'a***@x',
      user_hash: 'h1',
      source_ip: '203.0.113.66',
      cold_start: id === 0,
    }),
    line(id, {
      message: 'request_completed',
      category: 'application',
      route: '/login',
      status_code: 401,
      duration_ms: 400,
    }),
  ];
  const records: CapturedRecord[] = [
    ...failed(0).map((l) => ({ invocationId: 0, line: l })),
    ...failed(1).map((l) => ({ invocationId: 1, line: l })),
    {
      invocationId: 2,
      line: line(2, {
        message: 'request_timeout',
        category: 'error',
        route: '/login',
        duration_ms: 2900,
        error: { name: 'TimeoutError', message: 'x', stack: 's' },
      }),
    },
    {
      invocationId: 3,
      line: line(3, {
        message: 'request_completed',
        category: 'application',
        route: '/health/logs',
        status_code: 200,
        duration_ms: 5,
        cold_start: true,
      }),
    },
  ];
  const timeline: TimelineEvent[] = records.map((record, index) => ({
    logGroupName: plans[record.invocationId].role === 'login' ? login : health,
    timestampMs: simulationStartMs + plans[record.invocationId].atMs + index,
    line: record.line,
    scenario: plans[record.invocationId].scenario,
    benign: false,
    block: 0,
    event: String(JSON.parse(record.line).message),
  }));
  const outcomes = [
    { invocationId: 0, statusCode: 401, wallMs: 400, dynamoCalls: [] },
    { invocationId: 1, statusCode: 401, wallMs: 400, dynamoCalls: [] },
    { invocationId: 2, error: 'TimeoutError', wallMs: 3000, dynamoCalls: [] },
    { invocationId: 3, statusCode: 200, wallMs: 5, dynamoCalls: [] },
  ];
  return { timeline, plans, records, outcomes, logGroupOf: { login, health } };
};

/** The stack's model with one saved query's text changed, as a renamed field would change it. */
const withQuery = (name: string, edit: (text: string) => string): StackModel => {
  const { template } = readCdkOut(cdkOut);
  const resources = Object.fromEntries(
    Object.entries(template.Resources).map(([id, resource]) =>
      resource.Type === 'AWS::Logs::QueryDefinition' && resource.Properties?.Name === name
        ? [
            id,
            {
              ...resource,
              Properties: {
                ...resource.Properties,
                QueryString: edit(String(resource.Properties.QueryString)),
              },
            },
          ]
        : [id, resource],
    ),
  );
  return loadStackModel({ ...template, Resources: resources }, { stackName: model.stackName });
};

describe('saved query proofs', () => {
  it('runs every saved query: rows, the attacker first, the slowest (timed-out) request first, one request whole', () => {
    const proofs = proveSavedQueries(model, evidence());

    expect(proofs.map((proof) => [proof.name, proof.verdict, proof.problems])).toEqual(
      proofs.map((proof) => [proof.name, 'ok', []]),
    );
    expect(proofs).toHaveLength(6);
    const byName = new Map(proofs.map((proof) => [proof.name, proof]));
    expect(byName.get('Cream/CreamLogging/Failed logins by source IP')?.sample[0]).toMatchObject({
      source_ip: '203.0.113.66',
      failures: '2',
    });
    expect(byName.get('Cream/CreamLogging/Slowest requests')?.sample[0]).toMatchObject({
      correlation_id: 'c2',
      duration_ms: '2900',
    });
    // The request with the most records, whole: its two records and its access log line.
    const one = byName.get('Cream/CreamLogging/One request by correlation id')!;
    expect(one.substituted).toEqual({
      placeholder: 'PASTE-CORRELATION-ID',
      value: 'c0',
      scenario: 'failed-login-burst',
    });
    expect(one.rows).toBe(3);
    expect(one.sample.map((row) => row['@log'].split(':')[1])).toEqual([
      groupOf('login'),
      groupOf('login'),
      expect.stringMatching(/Access/),
    ]);
  });

  it('fails a query that names a field no record carries, or returns nothing, or misses what the scenarios show', () => {
    const renamed = proveSavedQueries(
      withQuery('Cream/CreamLogging/Latency percentiles by route', (text) =>
        text.replaceAll('duration_ms', 'duration_msec'),
      ),
      evidence(),
    );
    const empty = proveSavedQueries(
      withQuery('Cream/CreamLogging/Cold starts', (text) => text.replace('cold_start = 1', 'cold_start = 7')),
      evidence(),
    );
    const blind = proveSavedQueries(
      withQuery('Cream/CreamLogging/Slowest requests', (text) =>
        text.replace(/ or message = "request_timeout"/, ''),
      ),
      evidence(),
    );
    const broken = proveSavedQueries(
      withQuery('Cream/CreamLogging/Cold starts', (text) => `${text} | sort`),
      evidence(),
    );
    const problems = (proofs: ReturnType<typeof proveSavedQueries>) =>
      proofs.flatMap((proof) => proof.problems);

    expect(problems(renamed)).toEqual([
      expect.stringMatching(
        /^saved query Cream\/CreamLogging\/Latency percentiles by route reads duration_msec: no record of .* carries it$/,
      ),
    ]);
    expect(problems(empty)).toEqual([
      "saved query Cream/CreamLogging/Cold starts returns no rows on the scenarios' records",
    ]);
    expect(problems(blind)).toEqual([
      'saved query Cream/CreamLogging/Slowest requests should show the slowest request of the scenarios (2900 ms) first',
    ]);
    expect(problems(broken)).toEqual([
      expect.stringMatching(/^saved query Cream\/CreamLogging\/Cold starts does not parse: /),
    ]);
  });
});
