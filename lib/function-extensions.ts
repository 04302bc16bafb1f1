import type { RouteThrottle } from './http-api';
import { healthFilterSpecs, loginFilterSpecs, type MetricFilterSpec } from './monitoring-metric-filters';

/**
 * What one function of the registry gets on top of what every function gets, keyed by its name. The wiring
 * that needs other constructs (login's users table, health's configuration and probe) is in the stack, under
 * the same names; a plain registry entry has no extension and needs none.
 */
export interface FunctionExtension {
  /** Filters on its log group after the generic ones. @default - none */
  readonly filterSpecs?: readonly MetricFilterSpec[];
  /**
   * Leave its requests out of the 5xx rate alarms (its own and the API's): for a function whose 5xx is a
   * verdict with its own alarm, not a failure. @default false
   */
  readonly excludeFromServerErrorRate?: boolean;
  /** A throttle of its routes below the stage's. @default - the stage's */
  readonly routeThrottle?: RouteThrottle;
}

/** The names of the functions with an extension; the stack looks them up in the registry by these. */
export const LoginFunctionName = 'login';
export const HealthFunctionName = 'health';

export const functionExtensions: Readonly<Record<string, FunctionExtension>> = {
  // brute force and login outcomes
  [LoginFunctionName]: { filterSpecs: loginFilterSpecs },
  [HealthFunctionName]: {
    // the probe's result
    filterSpecs: healthFilterSpecs,
    // Its 503 means "degraded" (the probe alarm covers it), and a few health calls must not outweigh real
    // traffic in a rate.
    excludeFromServerErrorRate: true,
    // Far below the stage's: the route is public and each uncached answer costs control-plane calls (the
    // function caches its result for a minute).
    routeThrottle: { rateLimit: 1, burstLimit: 5 },
  },
};

export const extensionOf = (name: string): FunctionExtension => functionExtensions[name] ?? {};
