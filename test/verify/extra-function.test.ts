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
  const ordersAlarms = () => run.report.alarms.filter((alarm) => /orders/i.test(alarm.logicalId));

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

  it("drives each of the new function's generic alarms to ALARM from its own injected faults", () => {
    const firedBy = (logicalIdPart: string) => {
      const found = ordersAlarms().filter((alarm) => alarm.logicalId.includes(logicalIdPart));
      expect(found).toHaveLength(1);
      return found[0].firingScenarios;
    };
    expect(firedBy('LambdaErrorsorders')).toContain('orders-forced-throw');
    expect(firedBy('LambdaThrottlesorders')).toContain('orders-lambda-throttled');
    expect(firedBy('LambdaDurationorders')).toContain('orders-slow');
    expect(firedBy('P99Latencyorders')).toContain('orders-slow');
    expect(firedBy('OrdersAlarmsServerErrorRate')).toContain('orders-aws-outage');
    expect(firedBy('OrdersAlarmsErrorEvents')).toContain('orders-forced-throw');
    expect(firedBy('OrdersAlarmsTimeouts')).toContain('orders-forced-hang');
    expect(firedBy('Leakorders')).toContain('orders-leak');
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
