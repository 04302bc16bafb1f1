/** Settings the stack passes to the login function; see the report of issue 3 for the contract. */
export interface LoginConfig {
  readonly usersTableName: string;
  readonly jwtSecretArn: string;
  readonly tokenTtlSeconds: number;
  readonly tokenIssuer: string;
}

export const defaultTokenTtlSeconds = 3600;
export const defaultTokenIssuer = 'cream-logging';

/** A deployment mistake, not a client error: it surfaces as request_failed (500) naming the variable. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

const required = (env: NodeJS.ProcessEnv, name: string): string => {
  const value = env[name]?.trim();
  if (!value) throw new ConfigurationError(`${name} is not set`);
  return value;
};

/**
 * Read on every invocation (it is a few string reads) so a missing variable fails the request with a clear
 * error instead of failing the init phase, where Lambda logs an opaque Runtime.ImportModuleError.
 */
export const readLoginConfig = (env: NodeJS.ProcessEnv = process.env): LoginConfig => {
  const ttlText = env.TOKEN_TTL_SECONDS?.trim();
  const tokenTtlSeconds = ttlText ? Number(ttlText) : defaultTokenTtlSeconds;
  if (!Number.isSafeInteger(tokenTtlSeconds) || tokenTtlSeconds <= 0) {
    throw new ConfigurationError('TOKEN_TTL_SECONDS must be a positive whole number of seconds');
  }
  return {
    usersTableName: required(env, 'USERS_TABLE_NAME'),
    jwtSecretArn: required(env, 'JWT_SECRET_ARN'),
    tokenTtlSeconds,
    tokenIssuer: env.TOKEN_ISSUER?.trim() || defaultTokenIssuer,
  };
};
