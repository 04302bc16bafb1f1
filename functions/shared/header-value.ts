/**
 * Reads a header case-insensitively. HTTP API v2 lower-cases header names, but REST APIs, ALBs and hand-written
 * test events do not, and a login that fails because a client wrote `Content-Type` would be a poor surprise.
 */
export const headerValue = (
  headers: Readonly<Record<string, string | undefined>> | null | undefined,
  name: string,
): string | undefined => {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
};
