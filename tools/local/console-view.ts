import { type EventName, type FieldName, recordKeys } from '../../layer/src/event-catalog';
import { accessLogKeys as access } from '../../lib/access-log-keys';
import type { LogRecord } from './log-records';

/** Any field of any catalog event: a name the catalog does not have does not compile. */
type AnyField = { [E in EventName]: FieldName<E> }[EventName];
const requestField = <K extends FieldName<'request_completed'>>(name: K): K => name;
const request = {
  method: requestField('method'),
  route: requestField('route'),
  path: requestField('path'),
  status: requestField('status_code'),
  duration: requestField('duration_ms'),
} as const;
const errorField: FieldName<'request_failed'> = 'error';

type Paint = (code: number, text: string) => string;

/** Colors only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export const colorsWanted = (stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean =>
  env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0'
    ? true
    : Boolean(stream.isTTY) && env.NO_COLOR === undefined;

const painter =
  (enabled: boolean): Paint =>
  (code, text) =>
    enabled ? `\u001b[${code}m${text}\u001b[0m` : text;

const levelColor: Record<string, number> = {
  TRACE: 90,
  DEBUG: 90,
  INFO: 32,
  WARN: 33,
  ERROR: 31,
  CRITICAL: 91,
};
const categoryColor: Record<string, number> = { application: 34, security: 35, performance: 36, error: 31 };

const str = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;

const clock = (time: number): string => {
  const date = new Date(time);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
};

/** Fields worth a glance on one line; the full record is in the log file (or `--json`). */
const detailKeys: readonly AnyField[] = [
  'outcome',
  'reason',
  'user',
  'status',
  'field',
  'problem',
  'operation',
  'error_code',
];

const detailsOf = (record: Readonly<Record<string, unknown>>): string[] => {
  const details = detailKeys.flatMap((key) =>
    str(record[key]) === undefined ? [] : [`${key}=${str(record[key])}`],
  );
  const error = record[errorField] as { message?: unknown } | undefined;
  if (str(error?.message)) details.push(`error="${str(error?.message)}"`);
  if (str(record.errorMessage)) details.push(`error="${str(record.errorMessage)}"`);
  return details;
};

/**
 * One readable line per record: time, level, category, function, event, the request's route, status and
 * duration, a few telling fields, and the correlation id that ties a request's records together.
 */
export const formatRecord = (entry: LogRecord, colors: boolean): string => {
  const paint = painter(colors);
  const { record } = entry;
  const platform = record.record as { status?: unknown; requestId?: unknown } | undefined;
  const level = (str(record[recordKeys.level]) ?? (record.type ? 'PLATFORM' : 'INFO')).toUpperCase();
  const category = str(record[recordKeys.category]);
  // Access log records (API Gateway's format) have no message: name them by their request.
  const isAccess = str(record[access.method]) !== undefined;
  const message = isAccess
    ? 'http_access'
    : (str(record[recordKeys.message]) ??
      [str(record.type), str(platform?.status)].filter(Boolean).join(' '));
  const method = str(record[request.method]) ?? str(record[access.method]);
  const path = str(record[request.route]) ?? str(record[request.path]);
  const route = method && path ? `${method} ${path}` : (path ?? '');
  const status = str(record[request.status]) ?? (isAccess ? str(record[access.status]) : undefined);
  const latency = Number(record[request.duration] ?? (isAccess ? record[access.latencyMs] : undefined));
  const duration = Number.isFinite(latency) ? `${Math.round(latency)}ms` : undefined;
  const correlation =
    str(record[recordKeys.correlationId]) ??
    (isAccess ? str(record[access.requestId]) : undefined) ??
    str(record[recordKeys.requestId]) ??
    str(record.requestId) ??
    str(platform?.requestId);
  const parts = [
    paint(90, clock(entry.time)),
    paint(levelColor[level] ?? 37, level.padEnd(5)),
    category ? paint(categoryColor[category] ?? 37, category.padEnd(11)) : ' '.repeat(11),
    paint(90, entry.functionName),
    paint(1, message || '(no message)'),
    route,
    status ? paint(Number(status) >= 500 ? 31 : Number(status) >= 400 ? 33 : 32, status) : '',
    duration ?? '',
    ...(isAccess ? [] : detailsOf(record)),
    correlation ? paint(90, `cid=${correlation}`) : '',
  ];
  return parts.filter((part) => part !== '').join(' ');
};
