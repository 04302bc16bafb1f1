import type { AlarmStateName } from '../api-types';
import { h } from './dom';

/** The words for each state: the state is always written out, color only repeats it. */
const labels: Record<AlarmStateName, string> = {
  ALARM: 'ALARM',
  OK: 'OK',
  INSUFFICIENT_DATA: 'INSUFFICIENT DATA',
};
/** A shape per state too, for people who do not see the colors apart. */
const marks: Record<AlarmStateName, string> = { ALARM: '▲', OK: '●', INSUFFICIENT_DATA: '◆' };

export const stateBadge = (state: AlarmStateName): HTMLElement =>
  h(
    'span',
    { class: `badge state-${state}` },
    h('span', { 'aria-hidden': 'true' }, marks[state]),
    ` ${labels[state]}`,
  );
