import middy from '@middy/core';
import { business } from './business';

/** Variant "middy": the Middy engine with no middleware, to separate the engine's cost from the loggers'. */
export const handler = middy(business);
