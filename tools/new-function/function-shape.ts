/**
 * What the templates need to know about the function being scaffolded, derived once from the options: the
 * identifiers, and the route parameter the handler looks an item up by (the first `{param}` of the routes).
 */
import { camelCase, snakeCase, upperSnakeCase } from './function-name';
import type { RouteKey } from './route-keys';

export interface FunctionShape {
  readonly name: string;
  readonly description: string;
  readonly routes: readonly RouteKey[];
  /** The environment variable naming the function's table, e.g. `ORDERS_TABLE_NAME`. */
  readonly tableVariable: string;
  /** `orders` → `orders` (the `action` of its `user_action` records starts with it). */
  readonly actionStem: string;
  /** Set when a route has a `{param}`: the handler reads an item by it. */
  readonly key?: {
    readonly param: string;
    /** The handler's variable holding the value (the param's name, unless that is a reserved word). */
    readonly variable: string;
    /** The route the generated test calls. */
    readonly route: RouteKey;
    /** Routes without the parameter: the handler answers them without a lookup. */
    readonly keyless: readonly RouteKey[];
  };
}

/** Words a `{param}` may be called that cannot name a variable, or that the handler already uses. */
const reservedWords = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally ' +
    'for function if import in instanceof let new null return static super switch this throw true try typeof ' +
    'var void while with yield await implements interface package private protected public ' +
    'event item tableName error handler functionHandler middy logEvent requestLogging jsonResponse findItem'
  ).split(' '),
);

export const functionShape = (
  name: string,
  description: string,
  routes: readonly RouteKey[],
): FunctionShape => {
  const route = routes.find((candidate) => candidate.params.length > 0);
  const param = route?.params[0];
  const variable = param && !reservedWords.has(param) ? param : `${param}Value`;
  return {
    name,
    description,
    routes,
    tableVariable: `${upperSnakeCase(name)}_TABLE_NAME`,
    actionStem: snakeCase(name),
    ...(route && param
      ? {
          key: {
            param,
            variable: camelCase(variable),
            route,
            keyless: routes.filter((candidate) => !candidate.params.includes(param)),
          },
        }
      : {}),
  };
};
