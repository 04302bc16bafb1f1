import type { DeliveryStreamModel, SubscriptionFilterModel } from '../cloud-assembly';
import { compileFilterPattern } from '../filter-pattern';
import { ArchivePipeline, destinationTypeOf, type MetricDatum, type PipelineFault } from '../monitoring';
import type { TimelineEvent } from './timeline';

/**
 * The archive pipeline's metrics for the simulated records: every record a subscription filter matches goes to
 * its Firehose stream, which buffers, writes and retries as the pipeline model says, with the scenario's fault
 * (if any) at that time. Modelled: verify has no Firehose or S3, only their documented behaviour.
 */
export const archiveData = (
  events: readonly TimelineEvent[],
  filters: readonly SubscriptionFilterModel[],
  streams: readonly DeliveryStreamModel[],
  faultAt: (timestampMs: number) => PipelineFault | undefined,
  untilMs: number,
): MetricDatum[] => {
  const pipelines = new Map(
    streams.map((stream) => [
      stream.arn,
      new ArchivePipeline({ name: stream.name, bufferingMs: stream.bufferingSeconds * 1000 }, faultAt),
    ]),
  );
  const compiled = filters.flatMap((filter) => {
    const pipeline = pipelines.get(filter.destinationArn);
    return pipeline ? [{ filter, pipeline, pattern: compileFilterPattern(filter.filterPattern) }] : [];
  });
  const data: MetricDatum[] = [];
  for (const event of events) {
    for (const { filter, pipeline, pattern } of compiled) {
      if (filter.logGroupName !== event.logGroupName || pattern.match(event.line) === undefined) continue;
      data.push(
        ...pipeline.forward({
          logGroupName: filter.logGroupName,
          filterName: filter.filterName,
          destinationType: destinationTypeOf(filter.destinationArn),
          timestampMs: event.timestampMs,
        }),
      );
    }
  }
  for (const pipeline of pipelines.values()) data.push(...pipeline.advance(untilMs));
  return data;
};
