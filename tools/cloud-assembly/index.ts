export { apiIdOf } from './api-id';
export { referencedLogicalIds } from './intrinsics';
export { type LoadStackModelOptions, loadStackModel, localDefaults } from './load-stack-model';
export { readCdkOut, type StackTemplate } from './read-cdk-out';
export type * from './types';
