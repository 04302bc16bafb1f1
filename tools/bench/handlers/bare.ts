import { business } from './business';

/** Variant "bare": no logging at all; every overhead is measured against it. */
export const handler = business;
