import { catalog, type EventName, type FieldName, recordKeys } from '../../layer/src/event-catalog';
import { accessLogKeys as access } from '../../lib/access-log-keys';
import type { AlarmStateChange } from '../monitoring';
import type { LogRecord } from './log-records';
import { type Paint, type Style, terminalSafe } from './terminal-text';

const requestField = <K extends FieldName<'request_completed'>>(name: K): K => name;
const request = {
  method: requestField('method'),
  route: requestField('route'),
  path: requestField('path'),
  status: requestField('status_code'),
  duration: requestField('duration_ms'),
} as const;
/** Shown in their own columns, so not again as `key=value`. */
const columnFields: ReadonlySet<string> = new Set(Object.values(request));

const levelStyle: Record<string, Style> = {
  TRACE: 'gray',
  DEBUG: 'gray',
  INFO: 'green',
  WARN: 'yellow',
  ERROR: 'red',
  CRITICAL: 'redBright',
};
const categoryStyle: Record<string, Style> = {
  application: 'blue',
  security: 'magenta',
  performance: 'cyan',
  error: 'red',
};

/** A scalar as display text (control characters escaped); undefined for objects and absent values. */
const str = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? terminalSafe(String(value))
    : undefined;

/** `key=value`, quoted when the value has spaces or quotes so the line still splits into fields. */
const pair = (key: string, value: string): string =>
  /[\s"=]/.test(value) || value === '' ? `${key}="${value.replaceAll('"', '\\"')}"` : `${key}=${value}`;

const MaxObjectChars = 120;

const objectText = (value: object): string => {
  const error = value as { name?: unknown; message?: unknown };
  if (str(error.message) !== undefined) {
    return [str(error.name), str(error.message)].filter(Boolean).join(': ');
  }
  const json = terminalSafe(JSON.stringify(value) ?? '');
  return json.length > MaxObjectChars ? `${json.slice(0, MaxObjectChars - 1)}…` : json;
};

export const clock = (time: number): string => {
  const date = new Date(time);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
};

const isCatalogEvent = (name: string | undefined): name is EventName =>
  name !== undefined && Object.hasOwn(catalog, name);

/**
 * Every field the catalog gives the record's event, in catalog order, except those with a column. Records
 * that are not catalog events (a plain `console.error`, the runtime's own error records) show their error.
 */
const detailsOf = (record: Readonly<Record<string, unknown>>, event: string | undefined): string[] => {
  if (!isCatalogEvent(event)) {
    const message = str(record.errorMessage);
    return message === undefined
      ? []
      : [pair('error', [str(record.errorType), message].filter(Boolean).join(': '))];
  }
  return Object.keys(catalog[event].fields).flatMap((key) => {
    const value = record[key];
    if (columnFields.has(key) || value === undefined || value === null) return [];
    const text = typeof value === 'object' ? objectText(value) : str(value);
    return text === undefined ? [] : [pair(key, text)];
  });
};

export interface RecordView {
  readonly paint: Paint;
  /** The service a function's records belong to, for records that do not carry `service` themselves. */
  readonly serviceOf?: (functionName: string) => string | undefined;
}

/**
 * One readable line per record: time, level, category, service, event, the request's route, status and
 * duration, a cold-start mark, the event's own fields, and the correlation id that ties a request together.
 */
export const formatRecord = (entry: LogRecord, view: RecordView): string => {
  const { paint } = view;
  const { record } = entry;
  const platform = record.record as { status?: unknown; requestId?: unknown } | undefined;
  const level = (str(record[recordKeys.level]) ?? (record.type ? 'PLATFORM' : 'INFO')).toUpperCase();
  const category = str(record[recordKeys.category]);
  // Access log records (API Gateway's format) have no message: name them by their request.
  const isAccess = str(record[access.method]) !== undefined;
  const event = isAccess ? 'http_access' : str(record[recordKeys.message]);
  const message = event ?? [str(record.type), str(platform?.status)].filter(Boolean).join(' ');
  const method = str(record[request.method]) ?? str(record[access.method]);
  const path = str(record[request.route]) ?? str(record[request.path]);
  const route = method && path ? `${method} ${path}` : (path ?? '');
  const status = str(record[request.status]) ?? (isAccess ? str(record[access.status]) : undefined);
  const latency = Number(record[request.duration] ?? (isAccess ? record[access.latencyMs] : undefined));
  const duration = Number.isFinite(latency) ? `${Math.round(latency)}ms` : undefined;
  const service =
    str(record[recordKeys.service]) ??
    view.serviceOf?.(entry.functionName) ??
    terminalSafe(entry.functionName);
  const correlation =
    str(record[recordKeys.correlationId]) ??
    (isAccess ? str(record[access.requestId]) : undefined) ??
    str(record[recordKeys.requestId]) ??
    str(record.requestId) ??
    str(platform?.requestId);
  const parts = [
    paint('gray', clock(entry.time)),
    paint(levelStyle[level] ?? 'white', level.padEnd(5)),
    category ? paint(categoryStyle[category] ?? 'white', category.padEnd(11)) : ' '.repeat(11),
    paint('gray', service),
    paint('bold', message || '(no message)'),
    route,
    status ? paint(Number(status) >= 500 ? 'red' : Number(status) >= 400 ? 'yellow' : 'green', status) : '',
    duration ?? '',
    record[recordKeys.coldStart] === true ? paint('cyan', 'cold-start') : '',
    ...(isAccess ? [] : detailsOf(record, event)),
    correlation ? paint('gray', `cid=${correlation}`) : '',
  ];
  return parts.filter((part) => part !== '').join(' ');
};

const alarmStyle: Record<string, Style> = { ALARM: 'red', OK: 'green', INSUFFICIENT_DATA: 'yellow' };

/** `12:00:01.234 [alarm] ALARM <name>: <reason> (was OK)`, timed when the evaluation saw the change. */
export const formatAlarmChange = (change: AlarmStateChange, paint: Paint): string =>
  [
    paint('gray', clock(change.timestampMs)),
    paint('bold', '[alarm]'),
    paint(alarmStyle[change.state] ?? 'white', change.state),
    `${terminalSafe(change.alarmName)}: ${terminalSafe(change.reason)} (was ${change.previous})`,
  ].join(' ');
