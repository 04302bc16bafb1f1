import type { AlarmView } from '../api-types';
import { clear, dateTime, formatNumber, h, uniqueId } from './dom';
import { stateBadge } from './state-badge';

const minutes = (seconds: number): string => (seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`);

const periodsTable = (alarm: AlarmView): HTMLElement =>
  alarm.periods.length === 0
    ? h('p', { class: 'subtle' }, 'Not evaluated yet.')
    : h(
        'table',
        { class: 'data' },
        h(
          'caption',
          {},
          `Datapoints of the last evaluation (${alarm.datapointsToAlarm} of ${alarm.evaluationPeriods} must breach)`,
        ),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Period start'),
            h('th', { scope: 'col' }, 'Value'),
            h('th', { scope: 'col' }, 'Breaching'),
          ),
        ),
        h(
          'tbody',
          {},
          ...alarm.periods.map((period) =>
            h(
              'tr',
              { class: period.breaching ? 'breaching' : '' },
              h('th', { scope: 'row' }, dateTime(period.startMs)),
              h('td', {}, period.value === null ? 'no data' : formatNumber(period.value)),
              h(
                'td',
                {},
                period.breaching === null
                  ? 'ignored (missing)'
                  : period.breaching
                    ? `yes, ${alarm.condition}`
                    : 'no',
              ),
            ),
          ),
        ),
      );

const historyList = (alarm: AlarmView): HTMLElement =>
  alarm.history.length === 0
    ? h('p', { class: 'subtle' }, 'No state change yet.')
    : h(
        'ol',
        { class: 'history', reversed: true },
        ...[...alarm.history]
          .reverse()
          .map((change) =>
            h(
              'li',
              {},
              h(
                'time',
                { datetime: new Date(change.timestampMs).toISOString() },
                dateTime(change.timestampMs),
              ),
              ` ${change.previous} → `,
              stateBadge(change.state),
              ` ${change.reason}`,
            ),
          ),
      );

const alarmCard = (alarm: AlarmView): HTMLElement => {
  const headingId = uniqueId('alarm');
  return h(
    'article',
    {
      class: `alarm state-border-${alarm.state}`,
      'aria-labelledby': headingId,
      'data-alarm': alarm.name,
      'data-state': alarm.state,
      id: `alarm-${alarm.name}`,
    },
    h('h3', { id: headingId }, stateBadge(alarm.state), ` ${alarm.name}`),
    alarm.description ? h('p', {}, alarm.description) : null,
    h('p', { class: 'reason' }, alarm.reason, alarm.since ? ` (since ${dateTime(alarm.since)})` : ''),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Metric'),
      h('dd', {}, alarm.metric),
      h('dt', {}, 'Condition'),
      h(
        'dd',
        {},
        `${alarm.condition} for ${alarm.datapointsToAlarm} of ${alarm.evaluationPeriods} periods of ${minutes(alarm.periodSeconds)}`,
      ),
      h('dt', {}, 'Missing data'),
      h('dd', {}, alarm.treatMissingData),
    ),
    h('details', { open: alarm.state === 'ALARM' }, h('summary', {}, 'Datapoints'), periodsTable(alarm)),
    h('details', {}, h('summary', {}, `History (${alarm.history.length})`), historyList(alarm)),
  );
};

/** Every alarm of the stack: state in words, reason, threshold, the datapoints that decided it, its history. */
export const alarmsView = (load: () => Promise<AlarmView[]>) => {
  const list = h('div', { class: 'alarms' });
  const summary = h('p', { class: 'subtle', role: 'status' });
  const element = h(
    'section',
    { class: 'view', 'aria-labelledby': 'alarms-heading' },
    h('h2', { id: 'alarms-heading' }, 'Alarms'),
    summary,
    list,
  );
  const refresh = async () => {
    const alarms = await load();
    // Keep what a person opened open across refreshes.
    const open = new Set(
      [...list.querySelectorAll('details[open]')].map(
        (d) =>
          `${d.closest('article')?.getAttribute('data-alarm')}|${d.querySelector('summary')?.textContent?.split(' ')[0]}`,
      ),
    );
    clear(list);
    const sorted = [...alarms].sort((a, b) => Number(b.state === 'ALARM') - Number(a.state === 'ALARM'));
    for (const alarm of sorted) {
      const card = alarmCard(alarm);
      for (const details of card.querySelectorAll('details'))
        if (open.has(`${alarm.name}|${details.querySelector('summary')?.textContent?.split(' ')[0]}`))
          details.open = true;
      list.append(card);
    }
    const inAlarm = alarms.filter((alarm) => alarm.state === 'ALARM').length;
    summary.textContent = `${alarms.length} alarms, ${inAlarm} in ALARM.`;
  };
  return { element, refresh };
};
