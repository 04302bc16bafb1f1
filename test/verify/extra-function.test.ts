import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadStackModel } from '../../tools/cloud-assembly';
import { synthesize } from '../../tools/verify/synthesize';
import { runVerify, type VerifyRun } from './verify-harness';

const repoRoot = path.resolve(__dirname, '../..');

describe('logs verify on a stack with a function it has no plug-in for (GET /orders/{id})', () => {
  let cdkOut: string;
  let run: VerifyRun;

  beforeAll(async () => {
    cdkOut = await synthesize(mkdtempSync(path.join(tmpdir(), 'cream-verify-extra-')), {
      app: `tsx ${path.relative(repoRoot, path.join(__dirname, 'extra-function-app.ts'))}`,
    });
    run = runVerify(cdkOut);
  }, 180_000);

  afterAll(() => {
    if (cdkOut) rmSync(cdkOut, { recursive: true, force: true });
  });

  const scenario = (name: string) => run.report.scenarios.find((candidate) => candidate.name === name);
  const outcome = (logicalId: string) => run.report.alarms.find((alarm) => alarm.logicalId === logicalId);

  it('finds the function and its source from the template, and proves the whole stack', () => {
    const model = loadStackModel(cdkOut);
    const orders = model.functions.find((fn) => fn.environment.POWERTOOLS_SERVICE_NAME === 'orders');
    expect(orders?.sourceEntry).toBe('test/verify/fixtures/orders/index.ts');
    expect(run.report.problems).toEqual([]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.report.alarms.map((alarm) => alarm.alarmName).sort()).toEqual(
      model.alarms.map((alarm) => alarm.name).sort(),
    );
  });

  it("drives each of the new function's alarms to ALARM from its own injected faults", () => {
    // Prepare: the alarms that watch the function (by its name, service or log group), read from the template
    const model = loadStackModel(cdkOut);
    const orders = model.functions.find((fn) => fn.environment.POWERTOOLS_SERVICE_NAME === 'orders')!;
    const watchesOrders = (dimensions: Readonly<Record<string, string>>) =>
      dimensions.FunctionName === orders.functionName ||
      dimensions.service === 'orders' ||
      dimensions.LogGroupName === orders.logGroupName;
    const own = model.alarms.filter(
      (alarm) =>
        watchesOrders(alarm.dimensions) ||
        (alarm.metrics ?? []).some((query) => query.metric && watchesOrders(query.metric.dimensions)),
    );
    const scenarioFor: Record<string, string> = {
      Errors: 'orders-forced-throw',
      Throttles: 'orders-lambda-throttled',
      Duration: 'orders-slow',
      RequestLatency: 'orders-slow',
      ServerErrors: 'orders-aws-outage',
      LogEventsWithFindings: 'orders-leak',
      // the archive's delivery alarm covers every group's subscription; only login writes security records
      DeliveryErrors: 'archive-stream-rejects',
    };
    // a rate alarm by what it rates: the API's 5xx, or a function's server errors
    const metricOf = (alarm: (typeof own)[number]): string => {
      const names = alarm.metricName
        ? [alarm.metricName]
        : (alarm.metrics ?? []).flatMap((query) => (query.metric ? [query.metric.metricName] : []));
      return ['5xx', 'ServerErrors'].find((name) => names.includes(name)) ?? names[0] ?? '';
    };
    // Assess: Lambda's errors, throttles and duration, the 5xx rate, the p99 latency, redaction, the archive
    expect(own.map(metricOf).sort()).toEqual(Object.keys(scenarioFor).sort());
    for (const alarm of own)
      expect({ alarm: alarm.logicalId, fired: outcome(alarm.logicalId)?.firingScenarios }).toEqual({
        alarm: alarm.logicalId,
        fired: expect.arrayContaining([scenarioFor[metricOf(alarm)]]),
      });
    // the stack-wide ones fire from its faults alone too (each scenario has its own hour)
    const stackWide = (metricName: string) => model.alarms.filter((alarm) => metricOf(alarm) === metricName);
    for (const [metricName, name] of [
      ['ErrorEvents', 'orders-forced-throw'],
      ['Timeouts', 'orders-forced-hang'],
      ['5xx', 'orders-aws-outage'],
      ['Latency', 'orders-slow'],
    ])
      for (const alarm of stackWide(metricName))
        expect(outcome(alarm.logicalId)?.firingScenarios).toContain(name);
    // its SDK call failed (a 500 from the service), nothing forced its answer: the layer saw the real error
    expect(scenario('orders-aws-outage')?.responses).toEqual(
      expect.objectContaining({ InternalFailure: expect.any(Number) }),
    );
    // slow calls stay inside its 3 s timeout, above its 2.4 s duration alarm
    const load = run.report.sizing.functions.orders.load;
    expect(load?.slowMs).toBeGreaterThan(2400);
    expect(load?.slowMs).toBeLessThan(3000);
  });

  it('sends ordinary traffic built from its route, which fires nothing', () => {
    const traffic = scenario('orders-route-traffic');
    expect(traffic).toMatchObject({ benign: true, responses: { 404: expect.any(Number) } });
    expect(Object.keys(traffic?.responses ?? {})).toEqual(['404']);
    for (const alarm of run.report.alarms) expect(alarm.benign.state).not.toBe('ALARM');
    const ordersFilters = run.report.filters.filter((filter) => filter.byScenario['orders-route-traffic']);
    expect(ordersFilters.map((filter) => filter.filterName)).toContain('cream-route-latency');
  });
});
