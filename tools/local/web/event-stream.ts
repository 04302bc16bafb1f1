import type { ServerResponse } from 'node:http';

/** Comment lines keep idle connections open through proxies and let the server notice a closed tab. */
const HeartbeatMs = 15_000;

/**
 * Server-sent events to every open page: `record` for each log event as it is stored, `alarm` for each alarm
 * state change. A new client first gets a backlog, so the tail is not empty when the page opens.
 */
export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor() {
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) client.write(': keep-alive\n\n');
    }, HeartbeatMs);
    this.heartbeat.unref();
  }

  open(response: ServerResponse, backlog: readonly { event: string; data: unknown }[]): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write('retry: 2000\n\n');
    for (const { event, data } of backlog) response.write(frame(event, data));
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
  }

  send(event: string, data: unknown): void {
    if (this.clients.size === 0) return;
    const text = frame(event, data);
    for (const client of this.clients) client.write(text);
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}

/** JSON never contains a raw newline, so one `data:` line carries the whole event. */
const frame = (event: string, data: unknown): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
