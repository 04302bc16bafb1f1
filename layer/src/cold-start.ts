/**
 * Powertools' cold-start rule, without loading Powertools: true once, on the first invocation of an on-demand
 * environment (`AWS_LAMBDA_INITIALIZATION_TYPE=on-demand`, read at load like Powertools reads it at init);
 * never under provisioned concurrency or outside Lambda. `test/layer/powertools-contract.test.ts` checks it
 * against Powertools' own `getColdStart`.
 */
let pending = process.env.AWS_LAMBDA_INITIALIZATION_TYPE?.trim() === 'on-demand';

/** True the first time it is called in an on-demand environment, false ever after. */
export const takeColdStart = (): boolean => {
  const cold = pending;
  pending = false;
  return cold;
};
