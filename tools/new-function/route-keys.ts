/**
 * HTTP API route keys as `new:function` accepts them: `METHOD /path`, literal segments and `{param}` segments,
 * a greedy `{proxy+}` only last. `$default` and `ANY /{proxy+}` catch-alls are left to a hand-written entry:
 * a scaffolded function should own the routes it names, not every request nobody else answers.
 */

export const Methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'] as const;
export type Method = (typeof Methods)[number];

export interface RouteKey {
  /** As the registry stores it, e.g. `GET /orders/{id}`. */
  readonly key: string;
  readonly method: Method;
  readonly path: string;
  /** Names of the `{param}` segments in order. */
  readonly params: readonly string[];
  /** The name of a last, greedy `{proxy+}` segment. */
  readonly greedy?: string;
}

const literalSegment = /^[A-Za-z0-9._~-]+$/;
const paramSegment = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
const greedySegment = /^\{([A-Za-z_][A-Za-z0-9_]*)\+\}$/;

/** Parses one `--route` value; returns the route or what is wrong with it, in words a user can act on. */
export const parseRouteKey = (text: string): RouteKey | string => {
  const shown = JSON.stringify(text);
  const match = /^(\S+) (\S+)$/.exec(text);
  if (!match) return `route ${shown} must be 'METHOD /path', e.g. 'GET /orders/{id}'`;
  const [, method, path] = match as unknown as [string, string, string];
  if (!(Methods as readonly string[]).includes(method)) {
    return `route ${shown}: method must be one of ${Methods.join(', ')} (upper case)`;
  }
  if (!path.startsWith('/')) return `route ${shown}: the path must start with /`;
  if (path !== '/' && path.endsWith('/')) return `route ${shown}: the path must not end with /`;
  const segments = path === '/' ? [] : path.slice(1).split('/');
  const params: string[] = [];
  let greedy: string | undefined;
  for (const [index, segment] of segments.entries()) {
    const param = paramSegment.exec(segment)?.[1];
    const rest = greedySegment.exec(segment)?.[1];
    const named = param ?? rest;
    if (named !== undefined) {
      if (params.includes(named)) return `route ${shown}: {${named}} appears twice`;
      if (param !== undefined) params.push(param);
      else if (index !== segments.length - 1) {
        return `route ${shown}: a greedy {${named}+} segment must be the last one`;
      } else greedy = rest;
      continue;
    }
    if (segment === '') return `route ${shown}: empty path segment (//)`;
    if (!literalSegment.test(segment)) {
      return `route ${shown}: segment ${JSON.stringify(segment)} may hold only letters, digits, . _ ~ - or be a {param}`;
    }
  }
  return { key: `${method} ${path}`, method: method as Method, path, params, ...(greedy ? { greedy } : {}) };
};

/**
 * What API Gateway compares when it matches routes: the method and the path with every parameter name
 * blanked, so `GET /orders/{id}` and `GET /orders/{orderId}` are the same route (it refuses the second).
 */
export const routeIdentity = (key: string): string =>
  key.replace(/\{[^}/]*\+\}/g, '{+}').replace(/\{[^}/+]*\}/g, '{}');

/** A concrete request path for the route (every parameter filled in), for examples and tests. */
export const examplePath = (route: RouteKey, value = '42'): string =>
  route.path.replace(/\{[^}/]+\+\}/g, 'a/b').replace(/\{[^}/]+\}/g, value);
