import type { MetricDatum } from './types';

/**
 * The archive pipeline as CloudWatch sees it: a subscription filter hands each matching record to a Firehose
 * stream (AWS/Logs ForwardedLogEvents, or DeliveryErrors when the stream refuses it), Firehose buffers records
 * and writes the buffer to S3 once it is `bufferingMs` old (AWS/Firehose DeliveryToS3.Success 1 or 0), retrying
 * a failed write every minute while DeliveryToS3.DataFreshness (age of the oldest undelivered record) grows.
 * Pure and clock-free: the caller forwards records and advances time, in time order.
 */

/** What can go wrong: Firehose refuses records (throttled, deleted), or S3 refuses the writes (access denied). */
export type PipelineFault = 'stream-rejects' | 'bucket-denies';

export interface ArchiveStream {
  readonly name: string;
  readonly bufferingMs: number;
}

export interface ForwardedRecord {
  readonly logGroupName: string;
  readonly filterName: string;
  /** The destination type CloudWatch Logs puts in its metrics' dimensions (`Firehose`). */
  readonly destinationType: string;
  readonly timestampMs: number;
}

const minuteMs = 60_000;

/** `arn:aws:firehose:...` → `Firehose`: the destination type of a subscription filter's metrics. */
export const destinationTypeOf = (destinationArn: string): string => {
  const service = destinationArn.split(':')[2] ?? '';
  return { firehose: 'Firehose', kinesis: 'Kinesis', lambda: 'Lambda' }[service] ?? service;
};

export class ArchivePipeline {
  /** Arrival times of records Firehose holds, oldest first. */
  private readonly pending: number[] = [];
  private nextAttemptMs?: number;
  private clockMs?: number;

  constructor(
    private readonly stream: ArchiveStream,
    private readonly faultAt: (timestampMs: number) => PipelineFault | undefined = () => undefined,
  ) {}

  /** One record a subscription filter matched; the time must not be before the last `advance`. */
  forward(record: ForwardedRecord): MetricDatum[] {
    const data = this.advance(record.timestampMs);
    const dimensions = {
      LogGroupName: record.logGroupName,
      DestinationType: record.destinationType,
      FilterName: record.filterName,
    };
    const at = (metricName: string) => ({
      namespace: 'AWS/Logs',
      metricName,
      dimensions,
      timestampMs: record.timestampMs,
      value: 1,
      unit: 'Count',
      source: 'AWS/Logs',
    });
    if (this.faultAt(record.timestampMs) === 'stream-rejects') return [...data, at('DeliveryErrors')];
    this.pending.push(record.timestampMs);
    this.nextAttemptMs ??= record.timestampMs + this.stream.bufferingMs;
    return [...data, at('ForwardedLogEvents')];
  }

  /** Runs the stream up to `nowMs`: freshness once a minute while records wait, and every write attempt due. */
  advance(nowMs: number): MetricDatum[] {
    const data: MetricDatum[] = [];
    const from = this.clockMs ?? nowMs;
    const dimensions = { DeliveryStreamName: this.stream.name };
    const at = (metricName: string, timestampMs: number, value: number, unit: string) =>
      data.push({
        namespace: 'AWS/Firehose',
        metricName,
        dimensions,
        timestampMs,
        value,
        unit,
        source: 'AWS/Firehose',
      });
    for (let tick = Math.floor(from / minuteMs) * minuteMs + minuteMs; tick <= nowMs; tick += minuteMs) {
      while (this.nextAttemptMs !== undefined && this.nextAttemptMs <= tick)
        this.attempt(this.nextAttemptMs, at);
      if (this.pending.length > 0)
        at('DeliveryToS3.DataFreshness', tick, (tick - this.pending[0]) / 1000, 'Seconds');
    }
    this.clockMs = Math.max(from, nowMs);
    return data;
  }

  private attempt(
    timestampMs: number,
    at: (metricName: string, timestampMs: number, value: number, unit: string) => void,
  ): void {
    if (this.faultAt(timestampMs) === 'bucket-denies') {
      at('DeliveryToS3.Success', timestampMs, 0, 'None');
      this.nextAttemptMs = timestampMs + minuteMs;
      return;
    }
    at('DeliveryToS3.Success', timestampMs, 1, 'None');
    this.pending.length = 0;
    this.nextAttemptMs = undefined;
  }
}
