/**
 * The Powertools side of the record contract: the LogFormatter the shared `logger` uses, so records written
 * with `logger.info(...)` and `logEvent(...)` have exactly the shape the middleware writes (both go through
 * `formatRecord`). Request keys come from the request scope, else from what Powertools was given
 * (`addContext`, `appendKeys`) when a function does not use the middleware.
 */
import { LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import type { Category } from './event-catalog';
import { failureLine, formatRecord, type RequestKeys } from './record-formatter';
import { currentScope } from './request-scope';

/**
 * The attribute an event travels under from `logEvent` to the formatter. One wrapper key keeps Powertools
 * from dropping fields it reserves for itself (`service` is one, and the SDK events have a `service` field).
 */
export const eventAttribute = 'cream_event';

export interface EventPayload {
  readonly category: Category;
  readonly fields: object;
  readonly error?: unknown;
}

const isPayload = (value: unknown): value is EventPayload =>
  typeof value === 'object' && value !== null && 'category' in value && 'fields' in value;

const asText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export class CreamLogFormatter extends LogFormatter {
  public override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    try {
      const {
        [eventAttribute]: rawPayload,
        correlation_id: correlationId,
        cold_start: coldStart,
        ...appended
      } = additional;
      const payload = isPayload(rawPayload) ? rawPayload : undefined;
      const context = attributes.lambdaContext;
      const keys: RequestKeys = currentScope()?.keys ?? {
        correlation_id: asText(correlationId),
        cold_start: coldStart === true || context?.coldStart === true ? true : undefined,
        function_name: context?.functionName,
        function_request_id: context?.awsRequestId,
        xray_trace_id: attributes.xRayTraceId,
      };
      const { record } = formatRecord({
        time: attributes.timestamp.getTime(),
        level: attributes.logLevel,
        service: attributes.serviceName,
        message: String(attributes.message ?? ''),
        category: payload?.category,
        keys,
        fields: payload ? { ...appended, ...payload.fields } : appended,
        error: payload?.error,
      });
      return new LogItem({ attributes: record });
    } catch (error) {
      // the record could not be built: still one valid line saying so, never an exception
      return new LogItem({ attributes: JSON.parse(failureLine(attributes.message, error)) });
    }
  }
}
