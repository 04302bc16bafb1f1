/**
 * The hosts that receive a request's correlation id on outgoing calls: exact host names (`api.internal.example.com`)
 * or a wildcard for the subdomains of one (`*.svc.local` matches `orders.svc.local` and `a.b.svc.local`, not
 * `svc.local`); an IP address matches only itself. Case-insensitive, ports ignored. Nothing else: a bare `*` or
 * a URL is a configuration mistake that would send ids to third parties or never match, so it fails when the
 * middleware is created.
 */

/** An IPv4 address, or an IPv6 one as URLs write it (`[::1]`); `node:net`'s isIP would cost milliseconds of load. */
const ipLiteral = /^(?:[\d.]+|\[[\da-f:.]+\])$/;

const hostName = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/;

/** A matcher for `patterns`; throws a `TypeError` naming the first pattern that is neither form. */
export const hostMatcher = (patterns: readonly string[]): ((hostname: string) => boolean) => {
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const pattern of patterns) {
    const text = String(pattern).trim().toLowerCase();
    const wildcard = text.startsWith('*.');
    const name = wildcard ? text.slice(2) : text;
    if (!hostName.test(name)) {
      throw new TypeError(
        `propagateCorrelationIdTo: ${JSON.stringify(pattern)} is not a host name or *.domain (e.g. 'api.internal.example.com', '*.svc.local')`,
      );
    }
    if (wildcard) suffixes.push(`.${name}`);
    else exact.add(name);
  }
  if (exact.size === 0 && suffixes.length === 0) return () => false;
  return (hostname) => {
    const host = hostname.toLowerCase();
    if (exact.has(host)) return true;
    return !ipLiteral.test(host) && suffixes.some((suffix) => host.endsWith(suffix));
  };
};
