import 'uplot/dist/uPlot.min.css';
import './console.css';
import type { AlarmView, ConsoleConfig, TailRecord } from '../api-types';
import { alarmsView } from './alarms-view';
import { apiBase, getJson } from './api';
import { dashboardView } from './dashboard-view';
import { h } from './dom';
import { queryView } from './query-view';
import { tailView } from './tail-view';

/** Live data redraws at most this often, however fast records arrive. */
const RefreshAtMostEveryMs = 1500;
/** Periods roll over even without new records. */
const RefreshEveryMs = 15_000;

interface View {
  readonly id: string;
  readonly label: string;
  readonly element: HTMLElement;
  refresh?(): Promise<void>;
}

const throttled = (action: () => Promise<void>) => {
  let timer: number | undefined;
  let last = 0;
  return () => {
    if (timer !== undefined) return;
    const wait = Math.max(0, last + RefreshAtMostEveryMs - Date.now());
    timer = window.setTimeout(() => {
      timer = undefined;
      last = Date.now();
      void action();
    }, wait);
  };
};

const start = async () => {
  const main = document.getElementById('main')!;
  const tabs = document.getElementById('tabs')!;
  const connection = document.getElementById('connection')!;
  const config = await getJson<ConsoleConfig>('config');
  const loadAlarms = () => getJson<AlarmView[]>('alarms');

  const dashboards = config.dashboards.map((dashboard, index) => dashboardView(dashboard, index, loadAlarms));
  const alarms = alarmsView(loadAlarms);
  const tail = tailView(config.logGroups);
  const query = queryView(config.savedQueries, config.logGroups);
  const views: View[] = [
    ...dashboards.map((view, index) => ({
      id: index === 0 ? 'dashboard' : `dashboard-${index}`,
      label: config.dashboards.length > 1 ? config.dashboards[index].name : 'Dashboard',
      ...view,
    })),
    { id: 'alarms', label: 'Alarms', ...alarms },
    { id: 'tail', label: 'Live tail', element: tail.element },
    { id: 'query', label: 'Query', element: query.element },
  ];

  let active = views[0];
  const buttons = views.map((view) =>
    h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${view.id}`,
        'aria-controls': `panel-${view.id}`,
        onclick: () => {
          location.hash = view.id;
        },
      },
      view.label,
    ),
  );
  tabs.append(...buttons);
  for (const view of views) {
    main.append(
      h(
        'div',
        { role: 'tabpanel', id: `panel-${view.id}`, 'aria-labelledby': `tab-${view.id}`, hidden: true },
        view.element,
      ),
    );
  }
  // Arrow keys move between tabs; only the selected tab is in the Tab order (the WAI-ARIA tabs pattern).
  tabs.addEventListener('keydown', (event) => {
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0 || !['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    event.preventDefault();
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? buttons.length - 1
          : (index + (event.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
    buttons[next].focus();
    buttons[next].click();
  });

  const show = () => {
    const [id, detail] = location.hash.slice(1).split('/');
    active = views.find((view) => view.id === id) ?? views[0];
    views.forEach((view, index) => {
      const selected = view === active;
      buttons[index].setAttribute('aria-selected', String(selected));
      buttons[index].tabIndex = selected ? 0 : -1;
      document.getElementById(`panel-${view.id}`)!.hidden = !selected;
    });
    void active.refresh?.().then(() => {
      if (detail) document.getElementById(`alarm-${decodeURIComponent(detail)}`)?.scrollIntoView();
    });
  };
  window.addEventListener('hashchange', show);
  show();

  const refreshActive = throttled(async () => {
    await active.refresh?.();
  });
  window.setInterval(refreshActive, RefreshEveryMs);

  const events = new EventSource(`${apiBase}events`);
  events.addEventListener('open', () => {
    connection.textContent = 'live';
    connection.dataset.state = 'live';
  });
  events.addEventListener('error', () => {
    connection.textContent = 'reconnecting…';
    connection.dataset.state = 'reconnecting';
  });
  events.addEventListener('record', (event) => {
    tail.add(JSON.parse((event as MessageEvent<string>).data) as TailRecord);
    refreshActive();
  });
  events.addEventListener('alarm', () => refreshActive());
  document.body.dataset.ready = 'true';
};

start().catch((error: Error) => {
  document
    .getElementById('main')!
    .replaceChildren(
      h('p', { class: 'error', role: 'alert' }, `The console could not start: ${error.message}`),
    );
});
