import {
  ArchivePipeline,
  destinationTypeOf,
  type MetricDatum,
  type PipelineFault,
} from '../../tools/monitoring';

const minute = 60_000;
const stream = { name: 'Archive', bufferingMs: 5 * minute };
const record = (timestampMs: number) => ({
  logGroupName: '/aws/lambda/Login',
  filterName: 'Stack-Subscription0',
  destinationType: 'Firehose',
  timestampMs,
});
const values = (data: MetricDatum[], metricName: string) =>
  data.filter((datum) => datum.metricName === metricName).map((datum) => datum.value);

describe('the archive pipeline model', () => {
  it('forwards, buffers one interval, writes once, and keeps freshness under the interval', () => {
    const pipeline = new ArchivePipeline(stream);
    const data = [
      ...pipeline.forward(record(30_000)),
      ...pipeline.forward(record(2 * minute)),
      ...pipeline.advance(20 * minute),
    ];

    expect(values(data, 'ForwardedLogEvents')).toEqual([1, 1]);
    expect(values(data, 'DeliveryToS3.Success')).toEqual([1]);
    expect(Math.max(...values(data, 'DeliveryToS3.DataFreshness'))).toBeLessThanOrEqual(
      stream.bufferingMs / 1000,
    );
    expect(data.find((datum) => datum.metricName === 'ForwardedLogEvents')?.dimensions).toEqual({
      LogGroupName: '/aws/lambda/Login',
      DestinationType: 'Firehose',
      FilterName: 'Stack-Subscription0',
    });
  });

  it('counts a record Firehose refuses as a delivery error, and buffers nothing', () => {
    const pipeline = new ArchivePipeline(stream, () => 'stream-rejects');
    const data = [...pipeline.forward(record(0)), ...pipeline.advance(30 * minute)];

    expect(values(data, 'DeliveryErrors')).toEqual([1]);
    expect(values(data, 'DeliveryToS3.Success')).toEqual([]);
  });

  it('retries a refused S3 write every minute while the oldest record ages, and delivers once S3 accepts', () => {
    const faultAt = (ms: number): PipelineFault | undefined =>
      ms < 30 * minute ? 'bucket-denies' : undefined;
    const pipeline = new ArchivePipeline(stream, faultAt);
    const data = [...pipeline.forward(record(minute)), ...pipeline.advance(40 * minute)];

    const success = values(data, 'DeliveryToS3.Success');
    expect(success.slice(0, -1).every((value) => value === 0)).toBe(true);
    expect(success.at(-1)).toBe(1);
    expect(success.length).toBe(30 - 6 + 1);
    expect(Math.max(...values(data, 'DeliveryToS3.DataFreshness'))).toBe(28 * 60);
  });

  it('names the destination type from the ARN', () => {
    expect(destinationTypeOf('arn:aws:firehose:eu-west-1:1:deliverystream/x')).toBe('Firehose');
    expect(destinationTypeOf('arn:aws:lambda:eu-west-1:1:function:x')).toBe('Lambda');
  });
});
