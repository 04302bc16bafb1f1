import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { instrumentClient } from '@cream/logging';

/**
 * Module scope, so warm invocations reuse connections. No endpoint here: the SDK reads
 * AWS_ENDPOINT_URL_CLOUDWATCH_LOGS / AWS_ENDPOINT_URL_CLOUDWATCH itself, which is how a local runtime redirects it.
 */
export const logsClient = instrumentClient(new CloudWatchLogsClient({}));
export const cloudWatchClient = instrumentClient(new CloudWatchClient({}));
