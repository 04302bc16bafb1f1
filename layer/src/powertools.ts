/**
 * The one place the layer loads the Powertools Logger, on first use: a request that only writes the
 * middleware's own records never loads it, which keeps it out of the cold start (about 8 ms of module loading).
 * `test/layer/powertools-contract.test.ts` names every Powertools internal the layer relies on.
 */
import type * as PowertoolsLogger from '@aws-lambda-powertools/logger';

export type Powertools = typeof PowertoolsLogger;

let loaded: Powertools | undefined;

export const powertools = (): Powertools => {
  // a require in a function, not an import: esbuild then bundles Powertools as a module initialised on this call
  loaded ??= require('@aws-lambda-powertools/logger') as Powertools;
  return loaded;
};
