import { logEvent, requestLogging } from '@cream/logging';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, ScheduledEvent } from 'aws-lambda';
import { jsonResponse } from '../shared/json-response';
import { cloudWatchClient, logsClient } from './aws-clients';
import { HealthCache } from './health-cache';
import { overallStatus } from './health-check';
import { runHealthChecks } from './health-checks';
import { readHealthConfig } from './health-config';

const levelOf = { healthy: 'INFO', degraded: 'WARN', unhealthy: 'ERROR' } as const;
const cache = new HealthCache();

/** The stack's EventBridge rule invokes the function directly with its scheduled event: the probe. */
const isScheduledProbe = (event: unknown): boolean => {
  const candidate = event as Partial<ScheduledEvent> | null;
  return candidate?.source === 'aws.events' && candidate['detail-type'] === 'Scheduled Event';
};

/**
 * GET /health/logs and the scheduled probe: is logging for this application actually working? 200 healthy,
 * 503 otherwise. Alarms in ALARM are listed in the body but never make it fail. The probe always runs the
 * checks and its `system_event` (trigger `schedule`) is what the health alarm counts; HTTP callers get the
 * last HTTP result for `HEALTH_CACHE_SECONDS`.
 */
export const functionHandler = async (
  event: APIGatewayProxyEventV2 | ScheduledEvent,
): Promise<APIGatewayProxyStructuredResultV2> => {
  const trigger = isScheduledProbe(event) ? 'schedule' : 'request';
  const settings = readHealthConfig();
  const now = Date.now();
  // HTTP callers share the cache; the probe always checks afresh and leaves the cache to them.
  let entry = trigger === 'request' ? cache.get(now, settings.config.cacheSeconds) : undefined;
  const cached = entry !== undefined;
  if (!entry) {
    entry = {
      at: now,
      report: await runHealthChecks(settings, { logs: logsClient, cloudWatch: cloudWatchClient }, now),
    };
    if (trigger === 'request' && settings.config.cacheSeconds > 0) cache.set(entry);
  }
  const { checks, alarms } = entry.report;
  const status = overallStatus(checks);
  const failed = checks.filter((check) => check.status === 'fail');

  // One record per round of checks; a cached answer ran none.
  if (!cached) {
    logEvent(
      'system_event',
      {
        event: 'health_check',
        trigger,
        status,
        failed_checks: failed.length,
        // Compact: enough to query which check failed where; the details live in the response.
        checks: checks.map(({ name, target, status, error_code }) => ({ name, target, status, error_code })),
      },
      { level: levelOf[status] },
    );
  }

  const body = {
    status,
    component: 'logging',
    // a cached answer says how old it is
    checked_at: new Date(entry.at).toISOString(),
    checks,
    ...(alarms ? { alarms } : {}),
  };
  return status === 'healthy'
    ? jsonResponse(200, body)
    : jsonResponse(503, { ...body, failed_checks: failed });
};

export const handler = middy(functionHandler).use(requestLogging());
