import type { QueryResultView } from '../api-types';
import { h } from './dom';

/** A query's rows as a table, in the order of its fields. */
export const resultTable = (result: QueryResultView, caption: string): HTMLElement => {
  if (result.rows.length === 0)
    return h('p', { class: 'subtle' }, `No results (${result.recordsScanned} records scanned).`);
  return h(
    'div',
    { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': `${caption}: results` },
    h(
      'table',
      { class: 'data results' },
      h(
        'caption',
        {},
        `${caption}: ${result.rows.length} rows, ${result.recordsMatched} of ${result.recordsScanned} records matched`,
      ),
      h('thead', {}, h('tr', {}, ...result.fields.map((field) => h('th', { scope: 'col' }, field)))),
      h(
        'tbody',
        {},
        ...result.rows.map((row) =>
          h('tr', {}, ...result.fields.map((field) => h('td', {}, row[field] ?? ''))),
        ),
      ),
    ),
  );
};
