import { errorCode } from '../shared/error-code';

/**
 * A backing service (DynamoDB, Secrets Manager) failed, so the login cannot be decided: the client gets 503, not
 * 401 (its credentials may be fine) nor 500 (nothing is wrong with the function). The instrumented SDK client has
 * already written the database_error / external_service_error record with the AWS error code.
 */
export class DependencyError extends Error {
  override readonly name = 'DependencyError';
  /** The AWS error code of the cause, e.g. ProvisionedThroughputExceededException. */
  readonly code: string;

  constructor(
    readonly service: 'DynamoDB' | 'SecretsManager',
    cause: unknown,
  ) {
    super(`${service} is unavailable`, { cause });
    this.code = errorCode(cause);
  }
}
