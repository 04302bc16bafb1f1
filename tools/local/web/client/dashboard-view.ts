import type { AlarmView, DashboardView, MetricDataView, QueryResultView, WidgetView } from '../api-types';
import { getJson } from './api';
import { type Chart, createChart } from './chart';
import { clear, formatNumber, h, uniqueId } from './dom';
import { resultTable } from './result-table';
import { stateBadge } from './state-badge';
import { parseRelativeStart, rangeControl } from './time-range';

interface WidgetRenderer {
  refresh(
    range: { start: number; end: number },
    period: number | undefined,
    alarms: readonly AlarmView[],
  ): Promise<void>;
}

/** Periods a person can force on every metric widget; "as defined" keeps each widget's own. */
const periodChoices: readonly [string, string][] = [
  ['', 'as defined'],
  ['10', '10 seconds'],
  ['60', '1 minute'],
  ['300', '5 minutes'],
  ['3600', '1 hour'],
];

const metricWidget = (widget: WidgetView, body: HTMLElement, dashboard: number): WidgetRenderer => {
  let chart: Chart | undefined;
  const single = widget.view === 'singleValue';
  return {
    async refresh(range, period) {
      const data = await getJson<MetricDataView>('metric-data', {
        dashboard,
        widget: widget.index,
        ...range,
        ...(period ? { period } : {}),
      });
      if (single) {
        clear(body);
        body.append(
          h(
            'dl',
            { class: 'single' },
            ...data.series.flatMap((series) => {
              const last = [...series.values].reverse().find((value) => value !== null);
              return [
                h('dt', {}, series.label),
                h('dd', {}, last === undefined || last === null ? '–' : formatNumber(last)),
              ];
            }),
          ),
        );
        body.dataset.points = String(
          data.series.filter((series) => series.values.some((v) => v !== null)).length,
        );
      } else {
        chart ??= createChart(body, widget.title, widget.stacked === true);
        chart.update(data);
      }
      body.dataset.errors = data.errors.join('\n');
      body.title = data.errors.length > 0 ? `Not computed locally: ${data.errors.join('; ')}` : '';
    },
  };
};

const logWidget = (widget: WidgetView, body: HTMLElement, dashboard: number): WidgetRenderer => ({
  async refresh(range) {
    const result = await getJson<QueryResultView>('log-widget', {
      dashboard,
      widget: widget.index,
      ...range,
    });
    clear(body);
    body.append(resultTable(result, widget.title));
    body.dataset.rows = String(result.rows.length);
  },
});

const alarmWidget = (widget: WidgetView, body: HTMLElement): WidgetRenderer => ({
  async refresh(_range, _period, alarms) {
    const byName = new Map(alarms.map((alarm) => [alarm.name, alarm]));
    clear(body);
    body.append(
      h(
        'ul',
        { class: 'alarm-list' },
        ...(widget.alarms ?? []).map((name) => {
          const alarm = byName.get(name);
          return h(
            'li',
            { 'data-alarm': name, 'data-state': alarm?.state ?? 'INSUFFICIENT_DATA' },
            stateBadge(alarm?.state ?? 'INSUFFICIENT_DATA'),
            h('a', { href: `#alarms/${encodeURIComponent(name)}`, title: alarm?.reason ?? '' }, name),
          );
        }),
      ),
    );
  },
});

const textWidget = (widget: WidgetView, body: HTMLElement): WidgetRenderer => ({
  async refresh() {
    clear(body);
    body.append(h('p', { class: 'markdown' }, widget.markdown ?? ''));
  },
});

/**
 * The stack's dashboard as CloudWatch lays it out: each widget a labelled figure on the 24-column grid, at its
 * own x, y, width and height. Refreshed on demand (new records, alarm changes) and when the range changes.
 */
export const dashboardView = (
  dashboard: DashboardView,
  dashboardIndex: number,
  alarms: () => Promise<AlarmView[]>,
) => {
  const renderers: WidgetRenderer[] = [];
  const defaultMs = parseRelativeStart(dashboard.start) ?? 3 * 60 * 60_000;
  let running: Promise<void> | undefined;
  let again = false;
  const refresh = async (): Promise<void> => {
    // One refresh at a time; a request during one runs once more after it, never piles up.
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        const current = await alarms();
        const period = periodSelect.value ? Number(periodSelect.value) : undefined;
        const range = control.range();
        await Promise.all(
          renderers.map((renderer, index) =>
            renderer.refresh(range, period, current).catch((error: Error) => failed(index, error)),
          ),
        );
      } while (again);
    })();
    try {
      await running;
    } finally {
      running = undefined;
    }
  };
  const control = rangeControl('Range', defaultMs, () => void refresh());
  const periodId = uniqueId('period');
  const periodSelect = h(
    'select',
    { id: periodId, onchange: () => void refresh() },
    ...periodChoices.map(([value, label]) => h('option', { value }, label)),
  );
  const bodies: HTMLElement[] = [];
  const failed = (index: number, error: Error) => {
    bodies[index].dataset.error = error.message;
    bodies[index].replaceChildren(
      h('p', { class: 'error', role: 'alert' }, `Could not load: ${error.message}`),
    );
  };

  const grid = h('div', { class: 'grid' });
  for (const widget of dashboard.widgets) {
    const captionId = uniqueId('widget');
    const body = h('div', { class: 'widget-body' });
    bodies.push(body);
    grid.append(
      h(
        'figure',
        {
          class: `widget widget-${widget.type}`,
          'aria-labelledby': captionId,
          'data-widget': widget.index,
          'data-type': widget.type,
        },
        h('figcaption', { id: captionId }, widget.title),
        body,
      ),
    );
    const figure = grid.lastElementChild as HTMLElement;
    // Grid placement through the CSSOM: the page's policy forbids inline style attributes, not this.
    figure.style.gridColumn = `${widget.x + 1} / span ${widget.width}`;
    figure.style.gridRow = `${widget.y + 1} / span ${widget.height}`;
    renderers.push(
      widget.type === 'metric'
        ? metricWidget(widget, body, dashboardIndex)
        : widget.type === 'log'
          ? logWidget(widget, body, dashboardIndex)
          : widget.type === 'alarm'
            ? alarmWidget(widget, body)
            : textWidget(widget, body),
    );
  }
  const element = h(
    'section',
    { class: 'view', 'aria-labelledby': `${periodId}-heading` },
    h(
      'div',
      { class: 'toolbar' },
      h('h2', { id: `${periodId}-heading` }, `Dashboard ${dashboard.name}`),
      control.element,
      h('span', { class: 'control' }, h('label', { for: periodId }, 'Period'), periodSelect),
      h('button', { type: 'button', onclick: () => void refresh() }, 'Refresh'),
    ),
    grid,
  );
  return { element, refresh };
};
