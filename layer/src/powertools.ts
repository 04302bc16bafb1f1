/**
 * The one place the layer loads the Powertools Logger, on first use: a request that only writes the
 * middleware's own records never loads it, which keeps it out of the cold start (about 8 ms of module loading).
 * In the built layer this `require` is of the layer's own `powertools.js` (`layer/build.ts`).
 * `test/layer/powertools-contract.test.ts` names every Powertools internal the layer relies on.
 */
import type * as PowertoolsExports from './powertools-exports';

export type Powertools = typeof PowertoolsExports;

let loaded: Powertools | undefined;

export const powertools = (): Powertools => {
  // a require in a function, not an import: nothing of Powertools is loaded before this first call
  loaded ??= require('@aws-lambda-powertools/logger') as Powertools;
  return loaded;
};
