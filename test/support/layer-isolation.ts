import { channel } from 'node:diagnostics_channel';

/**
 * The layer times `fetch` calls through undici's diagnostics channels, which belong to the process, not to a
 * test file's module registry: once a suite created a middleware, every later suite in the same jest worker
 * had its own `fetch` calls timed and written to stdout as `external_call` records. After each file the
 * channels forward to nothing; the next file's middleware takes them over again (see
 * layer/src/http-client-timing.ts, which keeps the forwarding target under this symbol).
 */
const target = Symbol.for('@cream/logging.http-client-timing');
const names = ['undici:request:create', 'undici:request:headers', 'undici:request:error'];

afterAll(() => {
  for (const name of names) {
    const forwarding = channel(name) as unknown as Record<symbol, unknown>;
    // Replaced, not deleted: the layer subscribes once per channel and would subscribe a second time.
    if (forwarding[target] !== undefined) forwarding[target] = () => undefined;
  }
});
