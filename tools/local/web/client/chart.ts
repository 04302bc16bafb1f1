import uPlot from 'uplot';
import type { SeriesView } from '../api-types';
import { clear, dateTime, formatNumber, h } from './dom';

/** Line colors with at least 3:1 contrast on the white plot (WCAG's minimum for graphics). */
export const palette = [
  '#1f6fb4',
  '#c05600',
  '#2a7f2a',
  '#c62828',
  '#7b4fb0',
  '#8c564b',
  '#b0307f',
  '#5f6368',
];

export interface ChartData {
  readonly timestamps: readonly number[];
  readonly series: readonly SeriesView[];
}

export interface Chart {
  update(data: ChartData): void;
  destroy(): void;
}

const colorOf = (series: SeriesView, index: number): string =>
  series.color ?? palette[index % palette.length];

/**
 * Stacked charts draw running totals. A period where some series have data counts the others as zero; a
 * period where none has data stays a gap.
 */
const stackedValues = (series: readonly SeriesView[]): (number | null)[][] => {
  const totals: number[] = [];
  const any = (index: number) => series.some((one) => one.values[index] !== null);
  return series.map((one) =>
    one.values.map((value, index) => {
      if (!any(index)) return null;
      totals[index] = (totals[index] ?? 0) + (value ?? 0);
      return totals[index];
    }),
  );
};

/** Each series' color, label and latest value: the chart's key, as text. */
const legend = (series: readonly SeriesView[]): HTMLElement =>
  h(
    'ul',
    { class: 'legend' },
    ...series.map((one, index) => {
      const last = [...one.values].reverse().find((value) => value !== null);
      return h(
        'li',
        {},
        h('span', { class: 'swatch', 'data-color': colorOf(one, index) }),
        `${one.label} `,
        h('span', { class: 'subtle' }, last === undefined || last === null ? 'no data' : formatNumber(last)),
      );
    }),
  );

/** The same numbers as a table, for keyboard and screen reader users (the canvas is a picture). */
const dataTable = (title: string, data: ChartData): HTMLElement => {
  const rows = data.timestamps
    .map((time, index) => ({ time, values: data.series.map((series) => series.values[index]) }))
    .filter((row) => row.values.some((value) => value !== null));
  if (rows.length === 0) return h('p', { class: 'subtle' }, 'No data points in this range.');
  return h(
    'table',
    { class: 'data' },
    h('caption', {}, `${title}: values per period`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Period start'),
        ...data.series.map((s) => h('th', { scope: 'col' }, s.label)),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map((row) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, dateTime(row.time)),
          ...row.values.map((value) => h('td', {}, value === null ? '–' : formatNumber(value))),
        ),
      ),
    ),
  );
};

/**
 * A time-series chart (uPlot on a canvas) inside `host`, with a data table under a disclosure. The host's
 * figure gets `data-points`: how many non-empty datapoints are drawn (what the browser test checks).
 */
export const createChart = (host: HTMLElement, title: string, stacked: boolean): Chart => {
  const key = h('div', { class: 'legend-area' });
  const plotArea = h('div', { class: 'plot', 'aria-hidden': 'true' });
  const empty = h('p', { class: 'empty', hidden: true }, 'No data in this range');
  const details = h('details', { class: 'table-toggle' }, h('summary', {}, 'Data table'));
  host.append(key, plotArea, empty, details);
  let plot: uPlot | undefined;
  let labels = '';

  const size = () => ({
    width: Math.max(160, plotArea.clientWidth),
    height: Math.max(100, plotArea.clientHeight),
  });
  const build = (data: ChartData) => {
    plot?.destroy();
    const raw = data.series;
    plot = new uPlot(
      {
        ...size(),
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          // One timestamp alone would stretch the axis over years: show an hour around it.
          x: { range: (_u, min, max) => (min === max ? [min - 1800, max + 1800] : [min, max]) },
          y: { range: (_u, min, max) => [Math.min(0, min ?? 0), Math.max(1, (max ?? 1) * 1.1)] },
        },
        series: [
          { value: (_u, value) => (value == null ? '' : dateTime(value * 1000)) },
          ...raw.map((series, index) => ({
            label: series.label,
            stroke: colorOf(series, index),
            width: 2,
            fill: stacked ? `${colorOf(series, index)}33` : undefined,
            points: { show: true, size: 5 },
            spanGaps: false,
          })),
        ],
        axes: [{ stroke: '#333' }, { stroke: '#333', size: 50 }],
      },
      undefined,
      plotArea,
    );
  };

  const resize = new ResizeObserver(() => plot?.setSize(size()));
  resize.observe(plotArea);

  return {
    update(data) {
      const nextLabels = JSON.stringify(data.series.map((series) => [series.label, series.color]));
      if (!plot || nextLabels !== labels) build(data);
      labels = nextLabels;
      const ys = stacked ? stackedValues(data.series) : data.series.map((series) => [...series.values]);
      plot!.setData([data.timestamps.map((time) => time / 1000), ...ys] as uPlot.AlignedData);
      const points = data.series.reduce(
        (total, series) => total + series.values.filter((v) => v !== null).length,
        0,
      );
      host.dataset.points = String(points);
      host.dataset.series = String(data.series.length);
      key.replaceChildren(legend(data.series));
      for (const swatch of key.querySelectorAll<HTMLElement>('.swatch'))
        swatch.style.background = swatch.dataset.color!;
      empty.hidden = points > 0;
      const open = details.open;
      details.replaceChildren(h('summary', {}, 'Data table'), dataTable(title, data));
      details.open = open;
    },
    destroy() {
      resize.disconnect();
      plot?.destroy();
      clear(host);
    },
  };
};
