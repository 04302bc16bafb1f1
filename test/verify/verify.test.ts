import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadStackModel, readCdkOut } from '../../tools/cloud-assembly';
import { synthesize } from '../../tools/verify/synthesize';
import { runVerify } from './verify-harness';

describe('logs verify against the synthesized stack', () => {
  let cdkOut: string;
  let scratch: string;

  beforeAll(async () => {
    // Synthesize once for the file; both tests read this assembly.
    cdkOut = await synthesize(mkdtempSync(path.join(tmpdir(), 'cream-verify-test-')));
    scratch = mkdtempSync(path.join(tmpdir(), 'cream-verify-mutated-'));
  }, 120_000);

  afterAll(() => {
    for (const dir of [cdkOut, scratch]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('proves every filter and alarm of the stack and exits 0', () => {
    // Act
    const { status, report, stderr } = runVerify(cdkOut);
    // Assess
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
    for (const alarm of report.alarms) {
      expect(alarm.firedBy).toBeDefined();
      expect(alarm.benign.state).not.toBe('ALARM');
    }
  }, 120_000);

  it('fails when a filter pattern names a field the code never writes', () => {
    // Prepare: the same assembly with `$.outcome` renamed to `$.result` in every filter pattern
    const { stackName, template } = readCdkOut(cdkOut);
    const templateFile = `${stackName}.template.json`;
    const mutated = JSON.stringify(template).replaceAll('$.outcome', '$.result');
    writeFileSync(path.join(scratch, templateFile), mutated);
    writeFileSync(path.join(scratch, 'manifest.json'), readFileSync(path.join(cdkOut, 'manifest.json')));
    // Act
    const { status, report } = runVerify(scratch);
    // Assess
    expect(status).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^metric filter cream-failed-logins on .*matches no record/),
      ]),
    );
    expect(report.alarms.find((alarm) => alarm.logicalId.includes('BruteForce'))?.firedBy).toBeUndefined();
  }, 120_000);
});
