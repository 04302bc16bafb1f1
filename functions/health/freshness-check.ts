import { type CloudWatchLogsClient, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { type HealthCheck, unverifiedCheck } from './health-check';

const minuteMs = 60_000;

/**
 * Did the group receive events within the threshold? Uses the newest stream's `lastIngestionTime` when present:
 * AWS documents `lastEventTimestamp` as eventually consistent (often up to an hour late), which alone would
 * report a busy function as stale.
 */
export const checkFreshness = async (
  logs: CloudWatchLogsClient,
  target: string,
  thresholdMinutes: number,
  now: number = Date.now(),
): Promise<HealthCheck> => {
  let last: number | undefined;
  try {
    const output = await logs.send(
      new DescribeLogStreamsCommand({
        logGroupName: target,
        orderBy: 'LastEventTime',
        descending: true,
        limit: 1,
      }),
    );
    const stream = output.logStreams?.[0];
    const times = [stream?.lastIngestionTime, stream?.lastEventTimestamp].filter(
      (time): time is number => typeof time === 'number',
    );
    last = times.length > 0 ? Math.max(...times) : undefined;
  } catch (error) {
    return unverifiedCheck('recent_events', target, 'warning', error);
  }
  const threshold = `threshold ${thresholdMinutes} min`;
  if (last === undefined) {
    return {
      name: 'recent_events',
      target,
      status: 'fail',
      severity: 'warning',
      detail: `no events yet (${threshold})`,
    };
  }
  const ageMinutes = Math.max(0, Math.floor((now - last) / minuteMs));
  const detail = `last event ${ageMinutes} min ago at ${new Date(last).toISOString()} (${threshold})`;
  return {
    name: 'recent_events',
    target,
    status: now - last <= thresholdMinutes * minuteMs ? 'pass' : 'fail',
    severity: 'warning',
    detail,
  };
};
