/**
 * The path of an outgoing call as a record shows it: what the request path rules leave (no query or fragment,
 * tokens after sensitive words and secret-looking segments redacted, `path-redaction.ts`), with the segments
 * that identify one resource (numbers, UUIDs, long hex or opaque ids) written `{id}`, so a query can group the
 * calls of one route (`GET /orders/{id}`) and no customer or order id lands in every record.
 */
import { type RedactionPolicy, redactPath } from './redaction';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const digits = /^\d+$/;
const hex = /^[0-9a-f]{16,}$/i;
/** An opaque id: 16+ URL-safe characters with a digit in them (`ord_8c1f2a9b7d3e4f50`, a base64url token). */
const opaque = /^(?=[^/]*\d)[\w-]{16,}$/;

const isId = (segment: string): boolean =>
  digits.test(segment) || uuid.test(segment) || hex.test(segment) || opaque.test(segment);

export const routeLikePath = (path: string, policy: RedactionPolicy): string =>
  redactPath(path, undefined, policy)
    .split('/')
    .map((segment) => (isId(segment) ? '{id}' : segment))
    .join('/');
