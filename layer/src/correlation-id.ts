/**
 * The correlation id of a request: the caller's (`x-correlation-id`, then `x-request-id`), else the API
 * Gateway request id, else the Lambda request id. It is echoed in the response so a client can quote it.
 * A caller's id that is not a sane id falls through to the next source.
 */
import type { EventInfo } from './http-event';

export const correlationHeader = 'x-correlation-id';
export const defaultCorrelationHeaders: readonly string[] = [correlationHeader, 'x-request-id'];

/**
 * A caller's id is accepted only if it is printable ASCII without spaces, at most 128 characters: it is echoed
 * in a response header and copied into every record, so CR/LF, control characters or a bloated value must not be.
 */
const saneId = /^[\x21-\x7e]{1,128}$/;

export const resolveCorrelationId = (
  info: EventInfo,
  lambdaRequestId: string | undefined,
  headerNames: readonly string[] = defaultCorrelationHeaders,
  /** False for an id the redaction rules would change (a JWT, `password=x`): it would carry a secret into every record. */
  isSecretFree: (id: string) => boolean = () => true,
): string => {
  for (const name of headerNames) {
    const value = info.headers.get(name.toLowerCase())?.trim();
    if (value !== undefined && saneId.test(value) && isSecretFree(value)) return value;
  }
  // the Web Crypto global loads node:crypto only when this last resort is reached
  return info.gatewayRequestId ?? lambdaRequestId ?? globalThis.crypto.randomUUID();
};

type Headers = Record<string, unknown>;

/** A copy of an HTTP response carrying the correlation header; anything else is returned unchanged. */
export const withCorrelationHeader = (response: unknown, correlationId: string): unknown => {
  if (typeof response !== 'object' || response === null || !('statusCode' in response)) return response;
  const result = response as { headers?: Headers; multiValueHeaders?: Record<string, unknown[]> };
  if (result.multiValueHeaders && !result.headers) {
    // ALB with multi-value headers enabled ignores `headers`
    return {
      ...result,
      multiValueHeaders: { ...result.multiValueHeaders, [correlationHeader]: [correlationId] },
    };
  }
  return { ...result, headers: { ...result.headers, [correlationHeader]: correlationId } };
};
