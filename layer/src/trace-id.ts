/**
 * The X-Ray trace id of the current invocation (`Root=1-...` of `_X_AMZN_TRACE_ID`, or of the runtime's invoke
 * store when Lambda runs invocations concurrently), read once per request by the middleware.
 */

interface InvokeStoreGlobal {
  awslambda?: { InvokeStore?: { getXRayTraceId?: () => string | undefined } };
}

/** `1-5759e988-bd862e3fe1be46a994272793` from `Root=1-5759e988-bd862e3fe1be46a994272793;Parent=...;Sampled=1`. */
export const currentTraceId = (): string | undefined => {
  const header =
    (globalThis as InvokeStoreGlobal).awslambda?.InvokeStore?.getXRayTraceId?.() ??
    process.env._X_AMZN_TRACE_ID;
  if (!header) return undefined;
  if (!header.includes('=')) return header.trim();
  // the Root member, found without splitting the header (read on every request)
  for (let at = header.indexOf('Root'); at !== -1; at = header.indexOf('Root', at + 4)) {
    const before = at > 0 ? header.slice(0, at).trimEnd() : '';
    if (before !== '' && !before.endsWith(';')) continue;
    const equals = header.indexOf('=', at);
    if (equals === -1 || header.slice(at + 4, equals).trim() !== '') continue;
    const end = header.indexOf(';', equals);
    return header.slice(equals + 1, end === -1 ? undefined : end).trim() || undefined;
  }
  return undefined;
};
