import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StackModel } from '../../cloud-assembly';
import type { AlarmStateChange, LiveMonitoring } from '../../monitoring';
import type { LogRecord } from '../log-records';
import type { StreamLedger } from '../stream-ledger';
import { alarmViews } from './alarm-views';
import type { ConsoleConfig, ErrorView } from './api-types';
import { bundleClient } from './client-bundle';
import { type Dashboard, stackDashboards } from './dashboard-body';
import { EventStream } from './event-stream';
import {
  contentSecurityPolicy,
  isLoopbackHost,
  parseRange,
  RequestError,
  readJsonBody,
  send,
  sendJson,
} from './http-helpers';
import { LogEvents } from './log-events';
import { runLogQuery } from './log-queries';
import { computeMetricData } from './metric-data';
import { parseMetricRows } from './metric-rows';
import { pageHtml } from './page-html';
import { stackSavedQueries } from './saved-queries';

/** Where the page lives; its script, styles and JSON API sit under `console/`. */
export const ConsolePath = '/_local/';
const assetBase = `${ConsolePath}console/`;
const apiBase = `${assetBase}api/`;
/** Records a newly opened page gets before the live ones. */
const TailBacklog = 200;

export interface WebConsoleOptions {
  readonly model: StackModel;
  readonly monitoring: LiveMonitoring;
  /** The log store's root (`<home>/logs`): earlier runs' records are searchable too. */
  readonly logsRoot: string;
  /** The stream of each line the running store appended. */
  readonly lineStreams?: StreamLedger;
  /** Who writes to each log group: a function's name, or the API for its access log. */
  readonly sources: ReadonlyMap<string, string>;
}

export interface WebConsole {
  /** Answers the console's routes; false for any other request (the API server goes on with it). */
  handle(request: IncomingMessage, response: ServerResponse): boolean;
  /** Every stored record, as it is stored. */
  record(record: LogRecord): void;
  alarmChanged(change: AlarmStateChange): void;
  close(): void;
}

/**
 * The web console of `npm start`: the stack's own dashboard, its alarms, a live tail and a Logs Insights box,
 * served at `/_local/` by the local API server. Everything it shows comes from the stack model, the live
 * monitoring and the log store; the page's assets are bundled from this repository at start.
 */
export const startWebConsole = async (options: WebConsoleOptions): Promise<WebConsole> => {
  const { model, monitoring } = options;
  const assets = await bundleClient();
  const dashboards = stackDashboards(model);
  const savedQueries = stackSavedQueries(model);
  const events = new LogEvents();
  for (const [group, source] of options.sources) await events.loadStored(options.logsRoot, group, source);
  const store = { root: options.logsRoot, accountId: model.pseudo.accountId, ledger: options.lineStreams };
  const stream = new EventStream();
  const html = pageHtml(model.stackName, assetBase);
  const config: ConsoleConfig = {
    stackName: model.stackName,
    logGroups: [...options.sources].map(([name, source]) => ({ name, source })),
    savedQueries,
    dashboards: dashboards.map((dashboard) => ({
      ...dashboard,
      widgets: dashboard.widgets.map(({ properties: _, ...view }) => view),
    })),
  };

  const widgetOf = (params: URLSearchParams, type: string): Dashboard['widgets'][number] => {
    const widget = dashboards[Number(params.get('dashboard') ?? 0)]?.widgets[Number(params.get('widget'))];
    if (!widget || widget.type !== type) throw new RequestError(404, `No ${type} widget there.`);
    return widget;
  };

  const api = async (name: string, request: IncomingMessage, params: URLSearchParams): Promise<unknown> => {
    switch (`${request.method} ${name}`) {
      case 'GET config':
        return config;
      case 'GET alarms':
        return alarmViews(model.alarms, monitoring.snapshot().alarms);
      case 'GET metric-data': {
        const widget = widgetOf(params, 'metric');
        const range = parseRange(params.get('start'), params.get('end'));
        const period = Number(params.get('period') ?? widget.periodSeconds);
        if (!Number.isInteger(period) || period < 1)
          throw new RequestError(400, 'The period is whole seconds.');
        const rows = parseMetricRows(widget.properties.metrics, widget.properties.stat as string | undefined);
        return computeMetricData(rows, monitoring.store, {
          startMs: range.start,
          endMs: range.end,
          periodSeconds: period,
        });
      }
      case 'GET log-widget': {
        const widget = widgetOf(params, 'log');
        const range = parseRange(params.get('start'), params.get('end'));
        return runLogQuery(store, { query: widget.query!, logGroups: widget.logGroups!, ...range });
      }
      case 'POST query': {
        const body = (await readJsonBody(request)) as Record<string, unknown> | null;
        const known = new Set(options.sources.keys());
        const logGroups = Array.isArray(body?.logGroups) ? body.logGroups.map(String) : [];
        if (typeof body?.query !== 'string' || body.query.trim() === '')
          throw new RequestError(400, 'Write a query first.');
        if (body.query.length > 10_000) throw new RequestError(400, 'A query is at most 10,000 characters.');
        if (logGroups.length === 0) throw new RequestError(400, 'Choose at least one log group.');
        const unknown = logGroups.filter((group) => !known.has(group));
        if (unknown.length > 0) throw new RequestError(400, `Unknown log group: ${unknown.join(', ')}`);
        return runLogQuery(store, { query: body.query, logGroups, ...parseRange(body.start, body.end) });
      }
      case 'GET request': {
        const id = params.get('id') ?? '';
        if (id === '') throw new RequestError(400, 'Which correlation id?');
        return events.ofRequest(id);
      }
      default:
        throw new RequestError(404, `No console API ${request.method} ${name}.`);
    }
  };

  const serveApi = async (name: string, request: IncomingMessage, response: ServerResponse) => {
    const params = new URL(request.url ?? '/', 'http://localhost').searchParams;
    if (name === 'events' && request.method === 'GET') {
      const backlog = events.recent(TailBacklog).map((data) => ({ event: 'record', data }));
      stream.open(response, backlog);
      return;
    }
    try {
      sendJson(response, 200, await api(name, request, params));
    } catch (error) {
      const status = error instanceof RequestError ? error.statusCode : 400;
      // Engine errors (a query's syntax) are the user's to fix: say what the engine said.
      sendJson(response, status, { error: (error as Error).message } satisfies ErrorView);
    }
  };

  return {
    handle(request, response) {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const isPage = path === ConsolePath || path === ConsolePath.slice(0, -1);
      if (!isPage && !path.startsWith(assetBase)) return false;
      if (!isLoopbackHost(request.headers.host)) {
        sendJson(response, 403, { error: 'The local console answers only on localhost.' });
        return true;
      }
      if (isPage) {
        send(response, 200, 'text/html; charset=utf-8', html, {
          'content-security-policy': contentSecurityPolicy,
          'x-frame-options': 'DENY',
        });
      } else if (path.startsWith(apiBase)) {
        void serveApi(path.slice(apiBase.length), request, response);
      } else {
        const asset = assets[path.slice(assetBase.length)];
        if (!asset || request.method !== 'GET') sendJson(response, 404, { error: 'Not found' });
        else if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')))
          send(response, 200, asset.contentType, asset.gzipped, {
            'content-encoding': 'gzip',
            vary: 'accept-encoding',
          });
        else send(response, 200, asset.contentType, asset.body, { vary: 'accept-encoding' });
      }
      return true;
    },
    record(record) {
      stream.send('record', events.add(record));
    },
    alarmChanged(change) {
      stream.send('alarm', change);
    },
    close() {
      stream.close();
    },
  };
};
