/** A route as the runtime needs it: the route key and the function it invokes. */
export interface LocalRoute {
  readonly routeKey: string;
  readonly functionName: string;
}

export interface RouteMatch {
  readonly route: LocalRoute;
  readonly pathParameters?: Record<string, string>;
}

interface CompiledRoute {
  readonly route: LocalRoute;
  readonly method: string;
  readonly pattern?: RegExp;
  readonly names: readonly string[];
  /** Higher wins: literal segments beat `{param}`, which beats `{proxy+}`; a method beats ANY. */
  readonly score: number;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const compile = (route: LocalRoute): CompiledRoute => {
  if (route.routeKey === '$default') return { route, method: 'ANY', names: [], score: -1 };
  const [method, path] = route.routeKey.split(' ', 2) as [string, string];
  const names: string[] = [];
  let score = method === 'ANY' ? 0 : 1;
  const source = path
    .split('/')
    .map((segment) => {
      const greedy = /^\{(\w+)\+\}$/.exec(segment);
      if (greedy) {
        names.push(greedy[1]);
        return '(.+)';
      }
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (parameter) {
        names.push(parameter[1]);
        score += 10;
        return '([^/]+)';
      }
      score += 100;
      return escapeRegExp(segment);
    })
    .join('/');
  return { route, method, pattern: new RegExp(`^${source}/?$`), names, score };
};

/**
 * HTTP API routing: `METHOD /path` keys with `{param}` and greedy `{proxy+}` segments, `ANY`, and
 * `$default` as the catch-all; the most specific matching route wins, as in API Gateway.
 */
export class RouteTable {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly LocalRoute[]) {
    this.routes = routes.map(compile).sort((a, b) => b.score - a.score);
  }

  match(method: string, path: string): RouteMatch | undefined {
    for (const compiled of this.routes) {
      if (compiled.method !== 'ANY' && compiled.method !== method.toUpperCase()) continue;
      if (!compiled.pattern) return { route: compiled.route };
      const found = compiled.pattern.exec(path);
      if (!found) continue;
      if (compiled.names.length === 0) return { route: compiled.route };
      const pathParameters = Object.fromEntries(
        compiled.names.map((name, index) => [name, decodeURIComponent(found[index + 1])]),
      );
      return { route: compiled.route, pathParameters };
    }
    return undefined;
  }
}
