import { formatRows } from '../logs/query-output';
import type { SavedQueryProof } from './saved-query-proofs';

const indent = '       ';

/** The report's SAVED QUERIES section: each query's verdict, the fields it reads, its row count and a sample. */
export const savedQueryLines = (proofs: readonly SavedQueryProof[]): string[] => {
  const lines = [
    '',
    "SAVED QUERIES (Logs Insights, run on the scenarios' records and their access log lines)",
  ];
  for (const proof of proofs) {
    lines.push(`  ${proof.verdict.toUpperCase()} ${proof.name} on ${proof.logGroups.join(', ')}`);
    if (proof.substituted)
      lines.push(
        `${indent}request ${proof.substituted.placeholder} = ${proof.substituted.value} (a ${proof.substituted.scenario} request)`,
      );
    const missing =
      proof.missingFields.length > 0 ? `; no record carries ${proof.missingFields.join(', ')}` : '';
    lines.push(`${indent}reads    ${proof.fieldsRead.join(', ') || 'nothing'}${missing}`);
    if (proof.expectation) lines.push(`${indent}expects  ${proof.expectation}`);
    lines.push(
      `${indent}rows     ${proof.rows}${proof.rows > proof.sample.length ? `, the first ${proof.sample.length}:` : ':'}`,
    );
    if (proof.sample.length > 0) {
      const rows = proof.sample.map((row) => Object.entries(row).map(([field, value]) => ({ field, value })));
      for (const line of formatRows('table', proof.columns, rows).trimEnd().split('\n'))
        lines.push(`${indent}  ${line}`);
    }
  }
  return lines;
};
