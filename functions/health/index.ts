import { logEvent, requestLogging } from '@cream/logging';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { jsonResponse } from '../shared/json-response';
import { cloudWatchClient, logsClient } from './aws-clients';
import { overallStatus } from './health-check';
import { runHealthChecks } from './health-checks';
import { readHealthConfig } from './health-config';

const levelOf = { healthy: 'INFO', degraded: 'WARN', unhealthy: 'ERROR' } as const;

/** GET /health/logs: is logging for this application actually working? 200 healthy, 503 otherwise. */
export const functionHandler = async (
  _event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2> => {
  const checks = await runHealthChecks(readHealthConfig(), {
    logs: logsClient,
    cloudWatch: cloudWatchClient,
  });
  const status = overallStatus(checks);
  const failed = checks.filter((check) => check.status === 'fail');

  logEvent(
    'system_event',
    {
      event: 'health_check',
      status,
      failed_checks: failed.length,
      // Compact: enough to query which check failed where; the details live in the response.
      checks: checks.map(({ name, target, status, error_code }) => ({ name, target, status, error_code })),
    },
    { level: levelOf[status] },
  );

  return status === 'healthy'
    ? jsonResponse(200, { status, component: 'logging', checks })
    : jsonResponse(503, { status, component: 'logging', checks, failed_checks: failed });
};

export const handler = middy(functionHandler).use(requestLogging());
