/**
 * The Powertools side of the record contract: the LogFormatter the shared `logger` uses, so records written
 * with `logger.info(...)` and `logEvent(...)` have exactly the shape the middleware writes (both go through
 * `formatRecord`). Request keys and record settings come from the request scope; outside a request, from what
 * Powertools was given (`addContext`) and `setCorrelationId`, with the default settings.
 */
import type { LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { isPayload, payloadFields } from './logged-input';
import type { Powertools } from './powertools';
import { defaultRecordSettings, failureLine, formatRecord, type RequestKeys } from './record-formatter';
import { currentScope } from './request-scope';

export const createLogFormatter = ({ LogFormatter: Base, LogItem: Item }: Powertools): LogFormatter => {
  /** The record as built: Powertools' `prepareForPrint` would drop `''` and `null` members (and copy it again). */
  class RecordItem extends Item {
    override prepareForPrint(): void {}
  }

  class CreamLogFormatter extends Base {
    public override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
      try {
        const payload = isPayload(attributes.message) ? attributes.message : undefined;
        const scope = currentScope();
        let keys: RequestKeys | undefined = scope?.keys;
        if (keys === undefined) {
          const context = attributes.lambdaContext;
          const correlationId = payload?.correlationId;
          keys = {
            correlation_id: typeof correlationId === 'string' ? correlationId : undefined,
            cold_start: context?.coldStart === true ? true : undefined,
            function_name: context?.functionName,
            function_request_id: context?.awsRequestId,
            xray_trace_id: attributes.xRayTraceId,
          };
        }
        const { record } = formatRecord(
          {
            time: attributes.timestamp.getTime(),
            level: attributes.logLevel,
            service: attributes.serviceName,
            message: payload ? payload.message : String(attributes.message ?? ''),
            category: payload?.category,
            keys,
            fields: payload ? payloadFields(payload) : additional,
            error: payload?.error,
          },
          scope?.settings ?? defaultRecordSettings,
        );
        return new RecordItem({ attributes: record });
      } catch (error) {
        // the record could not be built: still one valid line saying so, never an exception
        const message = isPayload(attributes.message) ? attributes.message.message : attributes.message;
        return new RecordItem({ attributes: JSON.parse(failureLine(message, error)) });
      }
    }
  }

  return new CreamLogFormatter();
};
