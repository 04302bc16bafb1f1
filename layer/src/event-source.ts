/**
 * The source of a non-HTTP event, for `event_source`: the name the event gives itself (`aws:sqs`, `aws:sns`,
 * `aws:s3`, `aws:dynamodb`, `aws:kinesis`, `aws:ses`, `aws:kafka`, an EventBridge `source`), else the one its
 * shape implies (Lambda@Edge, Firehose, Cognito triggers, CloudFormation custom resources, Secrets Manager
 * rotation, AppSync resolvers, CloudWatch Logs subscriptions). A plain object (a Step Functions state) has none.
 */
import { headerLookup, noHeaders } from './event-headers';
import type { EventInfo } from './http-event';

type Loose = Record<string, unknown>;

const asObject = (value: unknown): Loose | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : undefined;
const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** `Records`-based events: SQS, SNS, S3, DynamoDB, Kinesis, SES name themselves; Lambda@Edge has `cf`. */
const recordsSource = (first: Loose): EventInfo => {
  const named = asString(first.eventSource) ?? asString(first.EventSource);
  if (named !== undefined) return { eventSource: named, headers: noHeaders };
  const cf = asObject(first.cf);
  if (!cf) return { headers: noHeaders };
  // CloudFront's request id is what its access logs carry: the best correlation id an edge function has
  return {
    eventSource: 'aws:cloudfront',
    gatewayRequestId: asString(asObject(cf.config)?.requestId),
    headers: noHeaders,
  };
};

/** The source a shape implies, checked by distinctive keys only (cheap, and no plain object matches). */
const shapeSource = (event: Loose): string | undefined => {
  if (asString(event.deliveryStreamArn) && Array.isArray(event.records)) return 'aws:firehose';
  if (asString(event.triggerSource) && asString(event.userPoolId)) return 'aws:cognito-idp';
  if (asString(event.RequestType) && asString(event.ResponseURL) && asString(event.StackId))
    return 'aws:cloudformation';
  if (asString(event.SecretId) && asString(event.ClientRequestToken) && asString(event.Step))
    return 'aws:secretsmanager';
  if (asObject(event.awslogs)) return 'aws:logs';
  return undefined;
};

export const nonHttpSource = (event: Loose): EventInfo => {
  const records = event.Records;
  if (Array.isArray(records)) {
    const first = asObject(records[0]);
    if (first) return recordsSource(first);
  }
  // EventBridge (and CloudWatch Events): `source` counts only next to `detail-type`
  if (typeof event['detail-type'] === 'string')
    return { eventSource: asString(event.source), headers: noHeaders };
  // MSK (`aws:kafka`), self-managed Kafka, Amazon MQ: a string `eventSource` at the top
  const named = asString(event.eventSource);
  if (named !== undefined) return { eventSource: named, headers: noHeaders };
  const info = asObject(event.info);
  if (info && asString(info.fieldName) && 'arguments' in event) {
    // an AppSync resolver: a caller's correlation header is in `request.headers`
    return { eventSource: 'aws:appsync', headers: headerLookup(asObject(event.request)?.headers) };
  }
  return { eventSource: shapeSource(event), headers: noHeaders };
};
