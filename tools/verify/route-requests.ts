import type { RouteModel } from '../cloud-assembly';
import type { HttpRequest } from './protocol';

/** A plausible value for a route's `{name}` part: ids are numbers, greedy parts a two-segment path. */
const valueFor = (name: string, greedy: boolean): string => {
  if (greedy) return 'example/item';
  return /id$/i.test(name) ? '42' : 'example';
};

const withBody = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Ordinary traffic for a function, built from its routes alone: each `{name}` filled with a plausible value,
 * GET (and `ANY`) without a body, POST/PUT/PATCH with an empty JSON object. The handler may well answer 4xx
 * (the item does not exist, the body misses fields): a client's mistake, which must fire no alarm.
 */
export const routeRequests = (routes: readonly RouteModel[]): HttpRequest[] =>
  routes.map((route): HttpRequest => {
    const method = route.method === 'ANY' ? 'GET' : route.method;
    const template = route.path.startsWith('/') ? route.path : '/';
    const pathParameters: Record<string, string> = {};
    const filled = template.replace(/\{([^}+]+)(\+?)\}/g, (_, name: string, plus: string) => {
      pathParameters[name] = valueFor(name, plus === '+');
      return pathParameters[name];
    });
    const body = withBody.has(method) ? '{}' : undefined;
    return {
      method,
      path: filled,
      routeKey: route.routeKey,
      ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
      headers: body === undefined ? {} : ({ 'content-type': 'application/json' } as Record<string, string>),
      ...(body === undefined ? {} : { body }),
      sourceIp: '198.51.100.20',
    };
  });
