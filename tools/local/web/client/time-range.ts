import { h, uniqueId } from './dom';

/** Ranges a person picks in the console's range control, as CloudWatch offers them. */
const presets: readonly { label: string; ms: number }[] = [
  { label: '5 minutes', ms: 5 * 60_000 },
  { label: '15 minutes', ms: 15 * 60_000 },
  { label: '1 hour', ms: 60 * 60_000 },
  { label: '3 hours', ms: 3 * 60 * 60_000 },
  { label: '12 hours', ms: 12 * 60 * 60_000 },
  { label: '1 day', ms: 24 * 60 * 60_000 },
];

/** `-PT3H`, `-P1D`, `-PT15M`: the dashboard body's relative start, in ms. */
export const parseRelativeStart = (start: string | undefined): number | undefined => {
  const match = /^-P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(start ?? '');
  if (!match) return undefined;
  const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
  const ms = ((+days * 24 + +hours) * 60 + +minutes) * 60_000 + +seconds * 1000;
  return ms > 0 ? ms : undefined;
};

export interface RangeControl {
  readonly element: HTMLElement;
  /** The last `durationMs` up to now. */
  range(): { start: number; end: number };
}

/** A labelled select of ranges; `onChange` when a person picks another. */
export const rangeControl = (label: string, defaultMs: number, onChange: () => void): RangeControl => {
  const id = uniqueId('range');
  const options = presets.some((preset) => preset.ms === defaultMs)
    ? presets
    : [...presets, { label: `${Math.round(defaultMs / 60_000)} minutes`, ms: defaultMs }].sort(
        (a, b) => a.ms - b.ms,
      );
  const select = h(
    'select',
    { id, onchange: () => onChange() },
    ...options.map((preset) =>
      h('option', { value: preset.ms, selected: preset.ms === defaultMs }, preset.label),
    ),
  );
  return {
    element: h('span', { class: 'control' }, h('label', { for: id }, label), select),
    range: () => {
      const end = Date.now();
      return { start: end - Number(select.value), end };
    },
  };
};
