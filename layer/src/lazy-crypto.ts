/**
 * Stands in for `node:crypto` inside the bundled Powertools Logger (see `layer/build.ts`). The Logger imports
 * `randomInt` at load time but calls it only when debug sampling is configured; loading `node:crypto` costs
 * several milliseconds of every cold start, so the layer loads it on first use instead.
 */
export const randomInt = (min: number, max: number): number =>
  process.getBuiltinModule('node:crypto').randomInt(min, max);
