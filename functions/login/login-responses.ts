import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { jsonResponse } from '../shared/json-response';
import type { CredentialsProblem } from './parse-credentials';
import type { IssuedToken } from './token-issuer';

/**
 * Error bodies follow OAuth2's token endpoint (RFC 6749 §5.2: `error`, `error_description`) because password-grant
 * clients already know how to show them.
 */
export const tokenResponse = (token: IssuedToken): APIGatewayProxyStructuredResultV2 =>
  jsonResponse(200, token, { pragma: 'no-cache' });

export const invalidRequestResponse = (problem: CredentialsProblem): APIGatewayProxyStructuredResultV2 =>
  jsonResponse(problem.statusCode, { error: problem.error, error_description: problem.description });

/**
 * The one answer for an unknown email and a wrong password alike, byte for byte, so the response cannot tell an
 * attacker which emails have accounts. RFC 9110 requires WWW-Authenticate on a 401.
 */
export const invalidCredentialsResponse = (): APIGatewayProxyStructuredResultV2 =>
  jsonResponse(
    401,
    { error: 'invalid_grant', error_description: 'invalid email or password' },
    { 'www-authenticate': 'Bearer' },
  );

/** A dependency failed: the client may retry, and the credentials were neither accepted nor rejected. */
export const unavailableResponse = (): APIGatewayProxyStructuredResultV2 =>
  jsonResponse(
    503,
    {
      error: 'temporarily_unavailable',
      error_description: 'login is temporarily unavailable, retry shortly',
    },
    { 'retry-after': '1' },
  );
