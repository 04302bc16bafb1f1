import type { LogGroupView, QueryResultView, SavedQueryView } from '../api-types';
import { postJson } from './api';
import { createChart } from './chart';
import { clear, h, uniqueId } from './dom';
import { resultTable } from './result-table';
import { rangeControl } from './time-range';

/**
 * A Logs Insights box: the stack's saved queries to start from, the log groups to search, a range; results as
 * a table, and as a chart when the query groups by `bin(...)`. Ctrl+Enter runs it, as in the AWS console.
 */
export const queryView = (savedQueries: readonly SavedQueryView[], logGroups: readonly LogGroupView[]) => {
  const savedId = uniqueId('saved');
  const queryId = uniqueId('query');
  const saved = h(
    'select',
    { id: savedId },
    h('option', { value: '' }, '(choose a saved query)'),
    ...savedQueries.map((query, index) => h('option', { value: index }, query.name)),
  );
  const text = h('textarea', {
    id: queryId,
    rows: 7,
    spellcheck: 'false',
    'aria-describedby': `${queryId}-hint`,
  });
  const boxes = logGroups.map((group) => h('input', { type: 'checkbox', value: group.name, checked: true }));
  const groups = h(
    'fieldset',
    { class: 'groups' },
    h('legend', {}, 'Log groups'),
    ...logGroups.map((group, index) =>
      h('label', {}, boxes[index], ` ${group.source} `, h('span', { class: 'subtle' }, group.name)),
    ),
  );
  const range = rangeControl('Range', 60 * 60_000, () => undefined);
  const status = h('p', { class: 'subtle', role: 'status', 'aria-live': 'polite' });
  const results = h('div', { class: 'results-area' });

  saved.addEventListener('change', () => {
    const query = savedQueries[Number(saved.value)];
    if (!query || saved.value === '') return;
    text.value = query.queryString;
    for (const box of boxes) box.checked = query.logGroups.includes(box.value);
  });

  const run = async () => {
    status.textContent = 'Running…';
    results.dataset.state = 'running';
    clear(results);
    try {
      const result = await postJson<QueryResultView>('query', {
        query: text.value,
        logGroups: boxes.filter((box) => box.checked).map((box) => box.value),
        ...range.range(),
      });
      status.textContent = `${result.rows.length} rows; ${result.recordsMatched} of ${result.recordsScanned} records matched.`;
      if (result.chart) {
        const figureId = uniqueId('chart');
        const body = h('div', { class: 'widget-body' });
        results.append(
          h(
            'figure',
            { class: 'widget query-chart', 'aria-labelledby': figureId },
            h('figcaption', { id: figureId }, 'Results over time'),
            body,
          ),
        );
        createChart(body, 'Results over time', false).update(result.chart);
      }
      results.append(resultTable(result, 'Query'));
      results.dataset.rows = String(result.rows.length);
      results.dataset.state = 'done';
    } catch (error) {
      status.textContent = '';
      results.append(h('p', { class: 'error', role: 'alert' }, (error as Error).message));
      results.dataset.state = 'error';
    }
  };
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void run();
    }
  });

  const element = h(
    'section',
    { class: 'view', 'aria-labelledby': 'query-heading' },
    h('h2', { id: 'query-heading' }, 'Logs Insights query'),
    h(
      'form',
      {
        class: 'query-form',
        onsubmit: (event: Event) => {
          event.preventDefault();
          void run();
        },
      },
      h(
        'div',
        { class: 'toolbar' },
        h('span', { class: 'control' }, h('label', { for: savedId }, 'Saved queries'), saved),
        range.element,
      ),
      h('label', { for: queryId }, 'Query'),
      text,
      h('p', { id: `${queryId}-hint`, class: 'subtle' }, 'Logs Insights syntax; Ctrl+Enter runs it.'),
      groups,
      h('button', { type: 'submit', class: 'primary' }, 'Run query'),
    ),
    status,
    results,
  );
  return { element };
};
