import { requestLogging } from '@cream/logging';
import middy from '@middy/core';
import { business } from './business';

/**
 * Variant "Cream": the project's full middleware (timing, category, correlation, redaction, metrics in the line).
 * `@cream/logging` stays external in the bundle and resolves from the built layer through NODE_PATH, which is how
 * Lambda loads it from /opt/nodejs/node_modules.
 */
export const handler = middy(business).use(requestLogging());
