import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest JSON body the console accepts (a query is at most 10,000 characters in Logs Insights). */
const MaxBodyBytes = 64 * 1024;

/** A request the console refuses, with the status and the words the page shows. */
export class RequestError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Only pages served from this machine's own names may call the console: another site the user browses
 * cannot read its answers (no CORS headers), and a DNS-rebound name is refused here.
 */
export const isLoopbackHost = (host: string | undefined): boolean => {
  const name = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  return name === 'localhost' || name === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(name);
};

/** Headers on every console answer; the page's script and styles come from this origin only. */
const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const send = (
  response: ServerResponse,
  statusCode: number,
  contentType: string,
  body: Buffer | string,
  extra: Record<string, string> = {},
): void => {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  response.writeHead(statusCode, {
    ...securityHeaders,
    'content-type': contentType,
    'content-length': String(bytes.length),
    ...extra,
  });
  response.end(bytes);
};

export const sendJson = (response: ServerResponse, statusCode: number, value: unknown): void =>
  send(response, statusCode, 'application/json; charset=utf-8', JSON.stringify(value));

export const readJsonBody = async (request: IncomingMessage): Promise<unknown> => {
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? ''))
    throw new RequestError(415, 'Send the query as application/json.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MaxBodyBytes) throw new RequestError(413, `The request is over ${MaxBodyBytes / 1024} KB.`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new RequestError(400, 'The request body is not valid JSON.');
  }
};

/** A time range from query parameters or a body: epoch ms, start before end. */
export const parseRange = (start: unknown, end: unknown): { start: number; end: number } => {
  const range = { start: Number(start), end: Number(end) };
  if (!Number.isFinite(range.start) || !Number.isFinite(range.end) || range.start >= range.end)
    throw new RequestError(400, 'The time range needs start < end, both in epoch milliseconds.');
  return range;
};
