import { errorCode } from '../shared/error-code';

export type CheckName =
  | 'configuration'
  | 'log_group_exists'
  | 'retention'
  | 'metric_filters'
  | 'recent_events';

/**
 * `critical`: logging itself is broken (no group, bad configuration), the component is unhealthy.
 * `warning`: logs still land but something around them is off (retention, filters, staleness): degraded.
 */
export type Severity = 'critical' | 'warning';

/** One line of the health report; also what the system_event record summarizes. */
export interface HealthCheck {
  readonly name: CheckName;
  /** The log group checked; absent for configuration. */
  readonly target?: string;
  readonly status: 'pass' | 'fail';
  readonly severity: Severity;
  /** One human sentence; never a stack trace or an SDK message. */
  readonly detail: string;
  /** The AWS error code when the check could not run (ThrottlingException, AccessDeniedException, ...). */
  readonly error_code?: string;
}

export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy';

/** A check that could not be made counts as failed: an unverifiable guarantee is not a guarantee. */
export const unverifiedCheck = (
  name: CheckName,
  target: string | undefined,
  severity: Severity,
  error: unknown,
): HealthCheck => {
  const code = errorCode(error);
  return { name, target, status: 'fail', severity, detail: `could not check: ${code}`, error_code: code };
};

export const overallStatus = (checks: readonly HealthCheck[]): HealthStatus => {
  const failed = checks.filter((check) => check.status === 'fail');
  if (failed.some((check) => check.severity === 'critical')) return 'unhealthy';
  return failed.length > 0 ? 'degraded' : 'healthy';
};
