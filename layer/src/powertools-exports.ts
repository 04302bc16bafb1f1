/**
 * What the layer takes from the Powertools Logger, as the entry of the layer's second file (`powertools.js`,
 * see `layer/build.ts`): bundled from Powertools' ES modules, so only these classes and what they use are in it,
 * and loaded by `powertools.ts` on first use, so a cold start does not even parse it.
 */
export { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
