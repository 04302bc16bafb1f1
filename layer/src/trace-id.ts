/**
 * The X-Ray trace id of the current invocation (`Root=1-...` of `_X_AMZN_TRACE_ID`, or of the runtime's invoke
 * store when Lambda runs invocations concurrently), read once per request by the middleware.
 */

interface InvokeStoreGlobal {
  awslambda?: { InvokeStore?: { getXRayTraceId?: () => string | undefined } };
}

export const currentTraceId = (): string | undefined => {
  const header =
    (globalThis as InvokeStoreGlobal).awslambda?.InvokeStore?.getXRayTraceId?.() ??
    process.env._X_AMZN_TRACE_ID;
  if (!header) return undefined;
  if (!header.includes('=')) return header.trim();
  for (const part of header.split(';')) {
    const [key, value] = part.split('=');
    if (key?.trim() === 'Root') return value?.trim() || undefined;
  }
  return undefined;
};
