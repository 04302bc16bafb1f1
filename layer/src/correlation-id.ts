/**
 * The correlation id of a request: the caller's (`x-correlation-id`, then `x-request-id`), else the API
 * Gateway request id, else the Lambda request id. It is echoed in the response so a client can quote it.
 */
import { randomUUID } from 'node:crypto';
import type { EventInfo } from './http-event';

export const correlationHeader = 'x-correlation-id';
export const defaultCorrelationHeaders: readonly string[] = [correlationHeader, 'x-request-id'];

/** Ids longer than this are not ids; a caller must not be able to bloat every record. */
const maxIdLength = 128;

export const resolveCorrelationId = (
  info: EventInfo,
  lambdaRequestId: string | undefined,
  headerNames: readonly string[] = defaultCorrelationHeaders,
): string => {
  for (const name of headerNames) {
    const value = info.headers.get(name.toLowerCase())?.trim();
    if (value && value.length <= maxIdLength) return value;
  }
  return info.gatewayRequestId ?? lambdaRequestId ?? randomUUID();
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
