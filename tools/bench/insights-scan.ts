/**
 * `npm run bench:insights`: how fast the Logs Insights engine scans records shaped like the layer's
 * `request_completed` records, and what memory it holds. One core, records already in memory (the engine's
 * cost, not the disk's). Target: >= 100 MB/s over >= 200 MB for `filter ... | stats count(*) by bin(5m)`.
 */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { requestLogging, setLogSink } from '../../layer/src/index';
import { type InsightsEvent, startQuery } from '../insights';
import { makeContext, makeEvent } from './http-api-event';

const TARGET_MB_PER_S = 100;
/** `--quick` (as `npm run bench -- --quick` passes it on): a smoke run over a tenth of the records, one round. */
const quick = process.argv.includes('--quick');
const MIN_SCAN_BYTES = (quick ? 20 : 200) * 1024 * 1024;
const ROUNDS = quick ? 1 : 3;
const DAY_MS = 24 * 60 * 60 * 1000;
const START = Date.UTC(2026, 0, 1);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** One real record, as the middleware writes it for a successful request. */
const sampleRecord = async (): Promise<Record<string, unknown>> => {
  const lines: string[] = [];
  setLogSink((line) => lines.push(line));
  // Middy ships ESM only; a dynamic import loads it from this CommonJS script.
  const { default: middy } = await import('@middy/core');
  const handler = middy(async () => ({ statusCode: 200, body: '{"ok":true}' })).use(requestLogging());
  await handler(makeEvent(0), makeContext(0));
  setLogSink(undefined);
  const line = lines.find((l) => l.includes('"request_completed"'));
  if (!line) throw new Error('the middleware wrote no request_completed record');
  return JSON.parse(line) as Record<string, unknown>;
};

/** Varies what differs between requests: time, ids, status (5% server errors), duration, route. */
const generate = (template: Record<string, unknown>): { events: InsightsEvent[]; bytes: number } => {
  const events: InsightsEvent[] = [];
  const routes = ['/login', '/health/logs', '/orders/{id}', '/users/{id}'];
  let bytes = 0;
  for (let i = 0; bytes < MIN_SCAN_BYTES; i++) {
    const timestamp = START + Math.floor((i * 7919) % DAY_MS);
    const record = {
      ...template,
      timestamp: new Date(timestamp).toISOString(),
      correlation_id: `${i.toString(16).padStart(8, '0')}-9e55-4c1b-8f4f-2f3b6c7d8e9f`,
      function_request_id: `${(i * 31).toString(16).padStart(8, '0')}-7b61-11e6-9a41-93e812345678`,
      route: routes[i % routes.length],
      status_code: i % 20 === 0 ? 503 : 200,
      duration_ms: (i % 997) / 10,
      RequestLatency: (i % 997) / 10,
    };
    const message = JSON.stringify(record);
    bytes += Buffer.byteLength(message);
    events.push({ timestamp, message, logGroup: '123456789012:/aws/lambda/cream-Login' });
  }
  return { events, bytes };
};

/**
 * One scan. CPU time (this process, user + system) is the figure "on one core": the machine is shared, and
 * wall time also counts the time other processes held the core. Held memory is the heap still in use after a
 * full GC while the finished run and its results are alive: the query's state, not the records.
 */
const scan = (query: string, events: readonly InsightsEvent[]) => {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const run = startQuery(query);
  for (const event of events) run.push(event);
  const results = run.finish();
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  gc();
  const heldBytes = process.memoryUsage().heapUsed - heapBefore;
  if (run.statistics.recordsScanned !== events.length) throw new Error('not every record was scanned');
  return { cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds, results, heldBytes };
};

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const QUERIES = [
  {
    name: 'target',
    // Every record is a request_completed one: all pass the raw-text pre-check, each is scanned for two keys.
    text: 'filter message = "request_completed" and status_code >= 500 | stats count(*) by bin(5m)',
    target: true,
  },
  {
    name: 'pre-check rejects all',
    text: 'filter message = "login_attempt" and outcome = "failure" | stats count(*) by bin(5m)',
    target: false,
  },
  { name: 'no pre-check', text: 'filter status_code >= 500 | stats count(*) by bin(5m)', target: false },
  {
    name: 'top 25',
    text: 'fields @timestamp, route, duration_ms | sort duration_ms desc | limit 25',
    target: false,
  },
  // No sort: the 10,000 newest rows are kept (the results cap), one copy per row that enters them.
  {
    name: 'newest 10,000',
    text: 'filter status_code = 200 | fields @timestamp, correlation_id',
    target: false,
  },
];

const main = async (): Promise<void> => {
  const template = await sampleRecord();
  const { events, bytes } = generate(template);
  const rssBefore = process.memoryUsage().rss;
  const mb = bytes / 1024 / 1024;
  const out = (text: string) => process.stdout.write(`${text}\n`);
  out(
    `Logs Insights scan: ${events.length} records, ${mb.toFixed(0)} MiB (avg ${(bytes / events.length).toFixed(0)} B), median of ${ROUNDS} rounds`,
  );
  out('');
  out('| query | MiB/s (CPU) | MiB/s (wall) | records/s (CPU) | held heap | rows | matched |');
  out('|---|---:|---:|---:|---:|---:|---:|');
  let pass = true;
  for (const query of QUERIES) {
    const runs = Array.from({ length: ROUNDS }, () => scan(query.text, events));
    const cpuSeconds = median(runs.map((r) => r.cpuSeconds));
    const wallSeconds = median(runs.map((r) => r.wallSeconds));
    const rate = mb / cpuSeconds;
    const held = median(runs.map((r) => r.heldBytes));
    const last = runs[runs.length - 1].results;
    if (query.target && rate < TARGET_MB_PER_S) pass = false;
    const text = query.text.replaceAll('|', '\\|');
    out(
      `| ${query.name}: \`${text}\` | ${rate.toFixed(0)} | ${(mb / wallSeconds).toFixed(0)} | ${(events.length / cpuSeconds).toFixed(0)} | ${(held / 1024).toFixed(0)} KiB | ${last.rows.length} | ${last.statistics.recordsMatched} |`,
    );
  }
  const rssGrowth = process.memoryUsage().rss - rssBefore;
  out('');
  out(
    `RSS growth over all the queries: ${(rssGrowth / 1024 / 1024).toFixed(1)} MiB (the records themselves: ${mb.toFixed(0)} MiB of strings)`,
  );
  out(
    `target: >= ${TARGET_MB_PER_S} MiB/s on one core for \`${QUERIES[0].text}\`: ${pass ? 'PASS' : 'FAIL'}`,
  );
  if (!pass) process.exitCode = 1;
};

void main();
