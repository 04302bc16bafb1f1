import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadStackModel, readCdkOut } from '../../tools/cloud-assembly';
import { sharedCdkOut, sharedSynthTimeoutMs } from '../support/shared-synth';
import { runVerify, type VerifyRun } from './verify-harness';

describe('logs verify against the synthesized stack', () => {
  let cdkOut: string;
  let scratch: string;
  let run: VerifyRun;

  beforeAll(async () => {
    // The run's shared assembly (read only); every test reads it, and all but the last this run.
    cdkOut = await sharedCdkOut();
    scratch = mkdtempSync(path.join(tmpdir(), 'cream-verify-mutated-'));
    run = runVerify(cdkOut);
    // the shared synthesis, then verify's scenarios in child processes on a possibly loaded machine
  }, sharedSynthTimeoutMs + 120_000);

  const alarm = (logicalIdPart: string) => {
    const found = run.report.alarms.filter((candidate) => candidate.logicalId.includes(logicalIdPart));
    if (found.length !== 1) throw new Error(`expected one alarm ${logicalIdPart}, found ${found.length}`);
    return found[0];
  };
  const scenario = (name: string) => run.report.scenarios.find((candidate) => candidate.name === name);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('proves every filter and alarm of the stack and exits 0', () => {
    const { status, report, stderr } = run;
    const model = loadStackModel(cdkOut);
    expect(report.problems).toEqual([]);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(report.filters.map((filter) => filter.filterName).sort()).toEqual(
      [...model.metricFilters, ...model.subscriptionFilters].map((filter) => filter.filterName).sort(),
    );
    expect(report.alarms.map((alarm) => alarm.alarmName).sort()).toEqual(
      model.alarms.map((alarm) => alarm.name).sort(),
    );
    // the report says which parts stand in for AWS
    expect(report.modelled).toEqual(
      expect.arrayContaining([expect.stringMatching(/^AWS\/Lambda, AWS\/ApiGateway/)]),
    );
    for (const alarm of report.alarms) {
      expect(alarm.firedBy).toBeDefined();
      expect(alarm.benign.state).not.toBe('ALARM');
    }
  }, 120_000);

  it('pages nobody for client mistakes: more malformed logins than any count alarm needs, all benign', () => {
    const mistakes = scenario('client-mistakes');
    expect(mistakes).toMatchObject({ benign: true, responses: { 400: expect.any(Number) } });
    expect(mistakes?.responses[500]).toBeUndefined();
    for (const name of ['BruteForce', 'ErrorEvents']) {
      const { benign } = alarm(name);
      expect(benign.state).toBe('OK');
    }
    expect(mistakes?.invocations).toBeGreaterThan(2 * run.report.sizing.failedLogins.count - 1);
  });

  it('drives the health alarm from the probe: a dead probe and a degraded one fire it, firing alarms and a quiet night do not', () => {
    const probe = alarm('HealthProbe');
    expect(probe.firingScenarios).toEqual(expect.arrayContaining(['degraded-health', 'probe-stopped']));
    expect(probe.benign.state).toBe('OK');
    // GET /health/logs answered 200 while an alarm was in ALARM, and through three silent hours with no traffic
    for (const name of ['healthy-checks', 'quiet-night']) {
      expect(Object.keys(scenario(name)?.responses ?? {})).toEqual(['200']);
    }
  });

  it('proves the platform alarms from what the scenarios did: thrown, throttled, slow, failing dependencies, a broken archive, a leak', () => {
    const firedIn = (logicalIdPart: string) =>
      run.report.alarms
        .filter((candidate) => candidate.logicalId.includes(logicalIdPart))
        .map((candidate) => candidate.firingScenarios);
    const everyOne = (logicalIdPart: string, scenarioName: string) => {
      const fired = firedIn(logicalIdPart);
      expect(fired.length).toBeGreaterThan(0);
      for (const scenarios of fired) expect(scenarios).toContain(scenarioName);
    };
    // per function, each from that function's generic scenario: a forced throw, a throttle, a slow period
    for (const service of ['login', 'health']) {
      everyOne(`LambdaErrors${service}`, `${service}-forced-throw`);
      everyOne(`LambdaThrottles${service}`, `${service}-lambda-throttled`);
      everyOne(`LambdaDuration${service}`, `${service}-slow`);
      everyOne(`P99Latency${service}`, `${service}-slow`);
      everyOne(`RedactionAlarmsLeak${service}`, `${service}-leak`);
      everyOne('Timeouts', `${service}-forced-hang`);
    }
    everyOne('ApiLatency', 'login-slow');
    everyOne('ApiServerErrorRate', 'login-aws-outage');
    everyOne('TableAlarmsThrottles', 'dynamodb-throttled');
    everyOne('TableAlarmsSystemErrors', 'login-aws-outage');
    everyOne('ArchiveAlarmsDelivery', 'archive-stream-rejects');
    everyOne('ArchiveAlarmsFreshness', 'archive-bucket-denies');
    everyOne('ArchiveAlarmsFailedDelivery', 'archive-bucket-denies');
    everyOne('RedactionAlarmsLeaklogin', 'redaction-leak');
    everyOne('RedactionAlarmsLeakhealth', 'health-credentials-leak');
    expect(firedIn('LambdaErrorslogin')).toEqual([expect.arrayContaining(['thrown-error'])]);
    // the degraded health function answers 503 through the API, and that is left out of the API rate
    expect(alarm('ApiServerErrorRate').firingScenarios).not.toContain('degraded-health');
    expect(alarm('ApiServerErrorRate').firingScenarios).not.toContain('health-aws-outage');
    // a slow period: enough samples for CloudWatch to evaluate a p99 (it ignores fewer than 1000)
    for (const service of ['login', 'health'])
      expect(scenario(`${service}-slow`)?.invocations).toBeGreaterThanOrEqual(1000);
  });

  it('fails when a filter pattern or a saved query names a field the code never writes, naming both', () => {
    // Prepare: the same assembly with `$.outcome` renamed to `$.result` in every filter pattern, and
    // `duration_ms` renamed in the slowest-requests query only (one verify run for both controls)
    const { stackName, template } = readCdkOut(cdkOut);
    const mutated = JSON.parse(
      JSON.stringify(template).replaceAll('$.outcome', '$.result'),
    ) as typeof template;
    for (const resource of Object.values(mutated.Resources)) {
      if (
        resource.Type === 'AWS::Logs::QueryDefinition' &&
        resource.Properties?.Name === `Cream/${stackName}/Slowest requests`
      )
        (resource.Properties as Record<string, unknown>).QueryString = String(
          resource.Properties.QueryString,
        ).replaceAll('duration_ms', 'duration_msec');
    }
    writeFileSync(path.join(scratch, `${stackName}.template.json`), JSON.stringify(mutated));
    writeFileSync(path.join(scratch, 'manifest.json'), readFileSync(path.join(cdkOut, 'manifest.json')));
    // Act
    const { status, report } = runVerify(scratch);
    // Assess
    expect(status).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^metric filter cream-failed-logins on .*matches no record/),
        expect.stringMatching(
          /^saved query Cream\/CreamLogging\/Slowest requests reads duration_msec: no record of .* carries it$/,
        ),
      ]),
    );
    // only those two renames are problems: every other saved query is still proven
    expect(report.problems.filter((problem) => problem.startsWith('saved query'))).toHaveLength(1);
    expect(report.alarms.find((alarm) => alarm.logicalId.includes('BruteForce'))?.firedBy).toBeUndefined();
    expect(
      report.savedQueries
        .filter((proof) => proof.verdict === 'ok')
        .map((proof) => proof.name)
        .sort(),
    ).toEqual([
      'Cream/CreamLogging/Cold starts',
      'Cream/CreamLogging/Failed logins by source IP',
      'Cream/CreamLogging/Latency percentiles by route',
      'Cream/CreamLogging/One request by correlation id',
      'Cream/CreamLogging/Recent errors with stack',
    ]);
  }, 120_000);
});
