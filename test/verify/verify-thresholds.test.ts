import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadStackModel } from '../../tools/cloud-assembly';
import { maxScenarioInvocations } from '../../tools/verify/alarm-needs';
import { sizeScenarios } from '../../tools/verify/scenario-sizing';
import { judgeAlarm } from '../../tools/verify/verdicts';
import { runVerify, synthesizeWithThresholds } from './verify-harness';

/** Thresholds other than the stack's defaults (10 failed logins, 5 error records per 5 minutes). */
const thresholds = { failedLoginsPer5Min: 25, errorEventsPer5Min: 12 };

describe('logs verify sizes its scenarios from the stack alarm thresholds', () => {
  let cdkOut: string;

  beforeAll(async () => {
    cdkOut = await synthesizeWithThresholds(
      mkdtempSync(path.join(tmpdir(), 'cream-verify-thresholds-')),
      thresholds,
    );
  }, 120_000);

  afterAll(() => {
    if (cdkOut) rmSync(cdkOut, { recursive: true, force: true });
  });

  it('proves every alarm with thresholds of 25 failed logins and 12 error records', () => {
    // Act
    const { status, report, stderr } = runVerify(cdkOut);
    // Assess
    expect(report.problems).toEqual([]);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const bruteForce = report.alarms.find((alarm) => alarm.logicalId.includes('BruteForce'));
    expect(bruteForce?.firedBy?.scenarios).toEqual(['failed-login-burst']);
    expect(bruteForce?.firedBy?.value).toBeGreaterThanOrEqual(thresholds.failedLoginsPer5Min);
    const errors = report.alarms.find((alarm) => alarm.logicalId.includes('ErrorEvents'));
    expect(errors?.firedBy?.scenarios).toEqual(['thrown-error']);
    expect(errors?.firedBy?.value).toBeGreaterThanOrEqual(thresholds.errorEventsPer5Min);
    expect(report.sizing.failedLogins.count).toBeGreaterThanOrEqual(thresholds.failedLoginsPer5Min);
    for (const alarm of report.alarms) expect(alarm.benign.state).not.toBe('ALARM');
  }, 120_000);

  it('fails, naming the threshold, when an alarm is beyond what a bounded scenario can reach', () => {
    // Prepare: the stack's alarms with the brute-force one at 500 failed logins in 5 minutes
    const model = loadStackModel(cdkOut);
    const alarms = model.alarms.map((alarm) =>
      alarm.logicalId.includes('BruteForce') ? { ...alarm, threshold: 500 } : alarm,
    );
    const bruteForce = alarms.find((alarm) => alarm.threshold === 500)!;
    // Act
    const sizing = sizeScenarios(alarms, [
      { role: 'login', timeoutMs: 29_000 },
      { role: 'health', timeoutMs: 29_000 },
    ]);
    const verdict = judgeAlarm(
      {
        alarmName: bruteForce.name,
        logicalId: bruteForce.logicalId,
        firingScenarios: [],
        benign: { state: 'OK', reason: '' },
      },
      sizing.limits[0]?.reason,
    );
    // Assess: the scenario stays bounded and the alarm fails with its threshold named
    expect(sizing.limits).toEqual([{ logicalId: bruteForce.logicalId, reason: expect.any(String) }]);
    expect(sizing.failedLogins.count).toBeLessThanOrEqual(maxScenarioInvocations);
    expect(sizing.errorEvents.count).toBeGreaterThanOrEqual(thresholds.errorEventsPer5Min);
    expect(verdict).toEqual({
      verdict: 'fail',
      note: `cannot fire in verify: threshold >= 500 per 5 min needs 500 failed logins in one period, more than the ${maxScenarioInvocations} invocations a verify scenario runs`,
    });
  });
});
