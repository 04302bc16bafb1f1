import type { AlarmModel } from '../cloud-assembly';
import type { FilterCoverage } from './filter-coverage';
import { savedQueryLines } from './format-saved-queries';
import type { VerifyReport } from './verify';

const counts = (record: Readonly<Record<string, number>>): string =>
  Object.entries(record)
    .sort(([, a], [, b]) => b - a)
    .map(([key, count]) => `${key} ${count}`)
    .join(', ') || 'none';

const round = (value: number): string => String(Math.round(value * 100) / 100);

const publishedText = (filter: FilterCoverage): string => {
  const parts = Object.entries(filter.published).map(([dimensions, values]) => {
    const range =
      values.min === values.max ? round(values.min) : `${round(values.min)}..${round(values.max)}`;
    return `${range} x${values.count}${dimensions === '-' ? '' : ` {${dimensions}}`}`;
  });
  if (filter.defaults > 0) parts.push(`default x${filter.defaults} (non-matching events)`);
  return parts.join('; ') || 'nothing';
};

const symbols: Record<string, string> = {
  GreaterThanOrEqualToThreshold: '>=',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

const alarmRule = (alarm: AlarmModel | undefined): string => {
  if (!alarm) return '';
  const metric =
    alarm.metricName ?? `math(${alarm.metrics?.find((query) => query.returnData)?.expression ?? '?'})`;
  const statistic = alarm.metricName ? `${alarm.statistic} ` : '';
  return `${statistic}${metric} ${symbols[alarm.comparisonOperator]} ${alarm.threshold} per ${alarm.periodSeconds / 60} min, ${alarm.datapointsToAlarm} of ${alarm.evaluationPeriods}, missing data: ${alarm.treatMissingData}`;
};

const alsoFiring = (outcome: VerifyReport['alarms'][number]): string => {
  const others = outcome.firingScenarios.filter((name) => !outcome.firedBy?.scenarios.includes(name));
  return others.length > 0 ? ` (also in ${others.join(', ')})` : '';
};

/** The human table: scenarios, then each filter with what it matched, then each alarm with its proof. */
export const formatReport = (
  report: VerifyReport,
  alarms: readonly AlarmModel[],
  elapsedMs: number,
): string => {
  const lines: string[] = [];
  const invocations = report.scenarios.reduce((total, scenario) => total + scenario.invocations, 0);
  const records = report.scenarios.reduce((total, scenario) => total + scenario.records, 0);
  lines.push(
    `logs verify: stack ${report.stackName}, ${invocations} invocations, ${records} records, ${(elapsedMs / 1000).toFixed(1)} s`,
    '',
    'SCENARIOS (real handlers, AWS served in-process)',
  );
  const width = Math.max(...report.scenarios.map((scenario) => scenario.name.length));
  for (const scenario of report.scenarios) {
    lines.push(
      `  ${scenario.name.padEnd(width)}  ${scenario.benign ? 'benign' : 'fault '}  ${String(scenario.invocations).padStart(3)} calls  ${String(scenario.records).padStart(4)} records  responses: ${counts(scenario.responses)}`,
      `  ${''.padEnd(width)}  ${scenario.description}`,
    );
  }
  lines.push('', 'FILTERS');
  for (const filter of report.filters) {
    lines.push(
      `  ${filter.verdict.toUpperCase()} ${filter.kind} filter ${filter.filterName} on ${filter.logGroupName}`,
      `       pattern  ${filter.pattern}`,
      `       target   ${filter.target}`,
    );
    if (filter.note) lines.push(`       verdict  ${filter.note}`);
    lines.push(
      `       matched  ${filter.matched} records: ${counts(filter.byEvent)}`,
      `       from     ${counts(filter.byScenario)}`,
    );
    if (filter.kind === 'metric') lines.push(`       publish  ${publishedText(filter)}`);
  }
  lines.push('', 'ALARMS (simulated per period with the alarm statistic, M of N and treatMissingData)');
  for (const outcome of report.alarms) {
    const model = alarms.find((alarm) => alarm.logicalId === outcome.logicalId);
    lines.push(
      `  ${outcome.verdict.toUpperCase()} ${outcome.alarmName}`,
      `       rule     ${alarmRule(model)}`,
    );
    if (outcome.note) lines.push(`       verdict  ${outcome.note}`);
    lines.push(
      outcome.firedBy
        ? `       fires    ALARM in ${outcome.firedBy.scenarios.join(' + ')} at minute ${outcome.firedBy.atMinute}: ${outcome.firedBy.reason}${alsoFiring(outcome)}`
        : '       fires    never: no scenario drives it to ALARM',
      `       benign   ${outcome.benign.state}: ${outcome.benign.reason}`,
    );
  }
  lines.push(...savedQueryLines(report.savedQueries));
  lines.push('', 'MODELLED (not AWS itself)', ...report.modelled.map((part) => `  - ${part}`), '');
  if (report.ok)
    lines.push(
      'RESULT: OK, every filter matches real records, every alarm can fire and stays quiet on benign traffic, every saved query returns rows',
    );
  else
    lines.push(
      `RESULT: FAILED (${report.problems.length})`,
      ...report.problems.map((problem) => `  - ${problem}`),
    );
  return `${lines.join('\n')}\n`;
};
