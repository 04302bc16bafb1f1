import type { ErrorView } from '../api-types';

/** Relative to the page (`/_local/`), so the console works under any prefix the server gives it. */
export const apiBase = new URL('console/api/', document.baseURI).pathname;

const answer = async <T>(response: Response): Promise<T> => {
  const body = (await response.json()) as T | ErrorView;
  if (!response.ok) throw new Error((body as ErrorView).error ?? `HTTP ${response.status}`);
  return body as T;
};

export const getJson = async <T>(name: string, params: Record<string, string | number> = {}): Promise<T> => {
  const query = new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)]));
  return answer<T>(await fetch(`${apiBase}${name}${query.size > 0 ? `?${query}` : ''}`));
};

export const postJson = async <T>(name: string, body: unknown): Promise<T> =>
  answer<T>(
    await fetch(`${apiBase}${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
