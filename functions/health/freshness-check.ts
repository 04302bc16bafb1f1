import { type CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { type CloudWatchLogsClient, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { type HealthCheck, unverifiedCheck } from './health-check';

const minuteMs = 60_000;
/** Invocations this recent are not counted: their records may still be on their way (ingestion and metric lag). */
const maxLagMs = 5 * minuteMs;

export interface FreshnessTarget {
  /** The log group whose newest event is checked. */
  readonly logGroupName: string;
  /** The function writing to it: its invocations are the traffic that should have produced events. */
  readonly functionName?: string;
  readonly thresholdMinutes: number;
}

/** Newest event time of the group: `lastIngestionTime` too, since `lastEventTimestamp` may lag up to an hour. */
const newestEvent = async (logs: CloudWatchLogsClient, logGroupName: string): Promise<number | undefined> => {
  const output = await logs.send(
    new DescribeLogStreamsCommand({ logGroupName, orderBy: 'LastEventTime', descending: true, limit: 1 }),
  );
  const stream = output.logStreams?.[0];
  const times = [stream?.lastIngestionTime, stream?.lastEventTimestamp].filter(
    (time): time is number => typeof time === 'number',
  );
  return times.length > 0 ? Math.max(...times) : undefined;
};

/** AWS/Lambda Invocations of the function in [from, to), summed over one-minute datapoints. */
const invocationsBetween = async (
  cloudWatch: CloudWatchClient,
  functionName: string,
  from: number,
  to: number,
): Promise<number> => {
  const output = await cloudWatch.send(
    new GetMetricStatisticsCommand({
      Namespace: 'AWS/Lambda',
      MetricName: 'Invocations',
      Dimensions: [{ Name: 'FunctionName', Value: functionName }],
      StartTime: new Date(from),
      EndTime: new Date(to),
      Period: 60,
      Statistics: ['Sum'],
    }),
  );
  return (output.Datapoints ?? []).reduce((total, point) => total + (point.Sum ?? 0), 0);
};

/**
 * Did the group receive what its traffic should have produced? An event within the threshold passes at once.
 * An older newest event fails only if the function was invoked in that window (invocations without records
 * mean logging is broken): a quiet night with no logins is not degraded. Without a function name to compare
 * against, silence alone fails.
 */
export const checkFreshness = async (
  logs: CloudWatchLogsClient,
  cloudWatch: CloudWatchClient,
  { logGroupName: target, functionName, thresholdMinutes }: FreshnessTarget,
  now: number = Date.now(),
): Promise<HealthCheck> => {
  const thresholdMs = thresholdMinutes * minuteMs;
  const threshold = `threshold ${thresholdMinutes} min`;
  const check = (status: HealthCheck['status'], detail: string): HealthCheck => ({
    name: 'recent_events',
    target,
    status,
    severity: 'warning',
    detail,
  });
  let last: number | undefined;
  try {
    last = await newestEvent(logs, target);
  } catch (error) {
    return unverifiedCheck('recent_events', target, 'warning', error);
  }
  const lastText =
    last === undefined
      ? 'no events yet'
      : `last event ${Math.max(0, Math.floor((now - last) / minuteMs))} min ago at ${new Date(last).toISOString()}`;
  if (last !== undefined && now - last <= thresholdMs) return check('pass', `${lastText} (${threshold})`);
  if (!functionName) return check('fail', `${lastText} (${threshold})`);

  let invocations: number;
  try {
    const windowEnd = now - Math.min(maxLagMs, thresholdMs / 2);
    invocations = await invocationsBetween(cloudWatch, functionName, now - thresholdMs, windowEnd);
  } catch (error) {
    return unverifiedCheck('recent_events', target, 'warning', error);
  }
  return invocations > 0
    ? check(
        'fail',
        `${lastText}, yet ${functionName} was invoked ${invocations} times in ${thresholdMinutes} min`,
      )
    : check(
        'pass',
        `${lastText}; no invocations of ${functionName} in ${thresholdMinutes} min (${threshold})`,
      );
};
