import { categories, recordKeys } from '../../../../layer/src/event-catalog';
import { accessLogKeys } from '../../../../lib/access-log-keys';
import type { LogGroupView, TailRecord } from '../api-types';
import { getJson } from './api';
import { clear, clockTime, h, uniqueId } from './dom';

/** Records the page keeps; the tail shows the newest that pass the filters. */
const Kept = 2000;
const Shown = 300;
const levels = ['DEBUG', 'INFO', 'WARN', 'ERROR'];
const levelRank = (level: string): number => {
  const rank = levels.indexOf(level.toUpperCase());
  return rank < 0 ? levels.length : rank;
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;

/** What a tail row shows of a record: its level, category, event and the id that ties a request together. */
export const describe = (entry: TailRecord) => {
  const record = entry.record ?? {};
  const access = record[accessLogKeys.requestId] !== undefined && record[recordKeys.message] === undefined;
  return {
    level: text(record[recordKeys.level]) ?? '',
    category: text(record[recordKeys.category]) ?? (access ? 'access' : ''),
    message: access
      ? `${text(record[accessLogKeys.method]) ?? ''} ${text(record[accessLogKeys.path]) ?? ''} → ${text(record[accessLogKeys.status]) ?? ''}`
      : (text(record[recordKeys.message]) ?? entry.line.slice(0, 200)),
    correlationId: text(record[recordKeys.correlationId]) ?? text(record[accessLogKeys.requestId]),
  };
};

const recordRow = (entry: TailRecord, onRequest: (id: string) => void): HTMLElement => {
  const info = describe(entry);
  return h(
    'li',
    { class: `record level-${info.level || 'none'}`, 'data-id': entry.id, 'data-source': entry.source },
    h('time', { datetime: new Date(entry.time).toISOString() }, clockTime(entry.time)),
    h('span', { class: 'source' }, entry.source),
    h('span', { class: 'level' }, info.level || '–'),
    h('span', { class: 'category' }, info.category || '–'),
    h('span', { class: 'message' }, info.message),
    info.correlationId
      ? h(
          'button',
          {
            type: 'button',
            class: 'link correlation',
            'data-correlation-id': info.correlationId,
            'aria-label': `Show every record of request ${info.correlationId}`,
            onclick: () => onRequest(info.correlationId!),
          },
          info.correlationId,
        )
      : h('span', {}),
    h('details', { class: 'raw' }, h('summary', {}, 'JSON'), h('pre', {}, entry.line)),
  );
};

const select = (label: string, choices: readonly [string, string][], onChange: () => void) => {
  const id = uniqueId('filter');
  const element = h(
    'select',
    { id, onchange: onChange },
    ...choices.map(([value, name]) => h('option', { value }, name)),
  );
  return { element, control: h('span', { class: 'control' }, h('label', { for: id }, label), element) };
};

/**
 * Records as they arrive (server-sent events), newest first, filtered by function, category, minimum level and
 * free text. A correlation id opens every record of that request, across functions and the access log.
 */
export const tailView = (logGroups: readonly LogGroupView[]) => {
  const records: TailRecord[] = [];
  const known = new Set<number>();
  const pending: TailRecord[] = [];
  let paused = false;
  let scheduled = false;
  const apply = () => render();
  const source = select(
    'Function',
    [['', 'all'], ...logGroups.map((g): [string, string] => [g.source, g.source])],
    apply,
  );
  const category = select(
    'Category',
    [['', 'all'], ...[...categories, 'access'].map((c): [string, string] => [c, c])],
    apply,
  );
  const level = select(
    'Level at least',
    [['', 'any'], ...levels.map((l): [string, string] => [l, l])],
    apply,
  );
  const searchId = uniqueId('filter');
  const search = h('input', {
    id: searchId,
    type: 'search',
    placeholder: 'text in the record',
    oninput: apply,
  });
  const pause = h(
    'button',
    {
      type: 'button',
      'aria-pressed': 'false',
      onclick: () => {
        paused = !paused;
        pause.setAttribute('aria-pressed', String(paused));
        pause.textContent = paused ? 'Resume' : 'Pause';
        if (!paused) render();
      },
    },
    'Pause',
  );
  const count = h('p', { class: 'subtle', role: 'status' });
  const list = h('ol', {
    class: 'tail',
    role: 'log',
    'aria-label': 'Log records, newest first',
    'aria-live': 'off',
  });
  const requestPanel = h('section', {
    class: 'request',
    hidden: true,
    'aria-labelledby': 'request-heading',
    tabindex: -1,
  });

  const visible = (entry: TailRecord): boolean => {
    const info = describe(entry);
    const needle = search.value.trim().toLowerCase();
    return (
      (!source.element.value || entry.source === source.element.value) &&
      (!category.element.value || info.category === category.element.value) &&
      (!level.element.value ||
        (info.level !== '' && levelRank(info.level) >= levelRank(level.element.value))) &&
      (!needle || entry.line.toLowerCase().includes(needle))
    );
  };
  const status = () => {
    count.textContent = `Showing ${list.children.length} of ${records.length} records${paused ? ' (paused)' : ''}.`;
  };
  /** Rebuilds the list (a filter changed, or the tail resumed). */
  const render = () => {
    pending.length = 0;
    const shown = records.filter(visible).slice(-Shown).reverse();
    list.replaceChildren(...shown.map((entry) => recordRow(entry, showRequest)));
    status();
  };
  /**
   * New records go on top and the oldest shown fall off; rows already shown stay the same elements, so a
   * person (or a keyboard focus) on one of them is not thrown off by records arriving.
   */
  const flush = () => {
    const fresh = pending.splice(0).filter(visible).reverse();
    list.prepend(...fresh.map((entry) => recordRow(entry, showRequest)));
    while (list.children.length > Shown) list.lastElementChild!.remove();
    status();
  };
  const showRequest = async (id: string) => {
    const entries = await getJson<TailRecord[]>('request', { id });
    clear(requestPanel);
    requestPanel.append(
      h(
        'div',
        { class: 'toolbar' },
        h('h3', { id: 'request-heading' }, `Request ${id}: ${entries.length} records`),
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              requestPanel.hidden = true;
            },
          },
          'Close',
        ),
      ),
      h(
        'ol',
        { class: 'tail request-records' },
        ...entries.map((entry) => {
          const row = recordRow(entry, showRequest);
          row.querySelector('details')!.open = true;
          return row;
        }),
      ),
    );
    requestPanel.hidden = false;
    requestPanel.focus();
  };

  const element = h(
    'section',
    { class: 'view', 'aria-labelledby': 'tail-heading' },
    h('h2', { id: 'tail-heading' }, 'Live tail'),
    h(
      'div',
      { class: 'toolbar', role: 'search' },
      source.control,
      category.control,
      level.control,
      h('span', { class: 'control' }, h('label', { for: searchId }, 'Text'), search),
      pause,
    ),
    requestPanel,
    count,
    list,
  );
  render();
  return {
    element,
    add(entry: TailRecord) {
      // A reconnect sends the backlog again.
      if (known.has(entry.id)) return;
      known.add(entry.id);
      records.push(entry);
      if (records.length > Kept)
        for (const dropped of records.splice(0, records.length - Kept)) known.delete(dropped.id);
      if (paused) return;
      pending.push(entry);
      // A burst of records is added once per frame.
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        flush();
      });
    },
  };
};
