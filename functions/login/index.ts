import { logEvent, requestLogging } from '@cream/logging';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DependencyError } from './dependency-error';
import { readLoginConfig } from './login-config';
import {
  invalidCredentialsResponse,
  invalidRequestResponse,
  tokenResponse,
  unavailableResponse,
} from './login-responses';
import { maskedUser } from './masked-user';
import { parseCredentials } from './parse-credentials';
import { verifyUserPassword } from './password-hash';
import { issueToken } from './token-issuer';
import { userHash } from './user-hash';
import { findUser } from './user-store';

/** POST /login: OAuth2 password grant (form) or JSON credentials in, a bearer token out. */
export const functionHandler = async (
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2> => {
  const config = readLoginConfig();
  const client = {
    source_ip: event.requestContext?.http?.sourceIp,
    user_agent: event.requestContext?.http?.userAgent,
  };

  const parsed = parseCredentials(event);
  if (!parsed.ok) {
    const { field, problem, user } = parsed.problem;
    logEvent('validation_failed', { field, problem });
    logEvent('login_attempt', {
      outcome: 'failure',
      reason: 'invalid_input',
      user: user === undefined ? undefined : maskedUser(user),
      user_hash: user === undefined ? undefined : await userHash(user, config.jwtSecretArn),
      ...client,
    });
    return invalidRequestResponse(parsed.problem);
  }

  const { email, password } = parsed.credentials;
  const user = maskedUser(email) ?? '***';
  try {
    const stored = await findUser(config.usersTableName, email);
    // Always one scrypt, known user or not, so response time does not reveal which emails have accounts.
    if (!(await verifyUserPassword(password, stored?.passwordHash))) {
      logEvent('login_attempt', {
        outcome: 'failure',
        reason: stored ? 'bad_password' : 'unknown_user',
        user,
        user_hash: await userHash(email, config.jwtSecretArn),
        ...client,
      });
      return invalidCredentialsResponse();
    }
    // Sign before logging success: if Secrets Manager fails, no success or token_issued record is left behind.
    const token = await issueToken(email, {
      secretArn: config.jwtSecretArn,
      issuer: config.tokenIssuer,
      ttlSeconds: config.tokenTtlSeconds,
    });
    logEvent('login_attempt', {
      outcome: 'success',
      user,
      user_hash: await userHash(email, config.jwtSecretArn),
      ...client,
    });
    logEvent('token_issued', { user, token_type: token.token_type, expires_in: token.expires_in });
    return tokenResponse(token);
  } catch (error) {
    if (error instanceof DependencyError) return unavailableResponse();
    throw error;
  }
};

export const handler = middy(functionHandler).use(requestLogging());
