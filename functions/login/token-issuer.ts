import { randomUUID } from 'node:crypto';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { instrumentClient, logEvent } from '@cream/logging';
import { SignJWT } from 'jose';
import { DependencyError } from './dependency-error';

/**
 * Five minutes: a rotated key reaches every warm instance within that, while a busy function calls Secrets
 * Manager a dozen times an hour instead of once per login.
 */
export const signingKeyMaxAgeSeconds = 300;

/** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output. */
const minimumKeyBytes = 32;

const secrets = new SecretsProvider({ awsSdkV3Client: instrumentClient(new SecretsManagerClient({})) });

/** The secret exists but cannot sign: report it like a failing call so the same alarm fires. */
const unusableKey = (code: string): DependencyError => {
  logEvent(
    'external_service_error',
    { aws_service: 'SecretsManager', operation: 'GetSecretValue', error_code: code },
    { level: 'ERROR' },
  );
  return new DependencyError('SecretsManager', Object.assign(new Error(code), { name: code }));
};

/** The HS256 key from Secrets Manager (cached five minutes); a DependencyError when it is missing or unusable. */
export const signingKey = async (secretArn: string): Promise<Uint8Array> => {
  let value: string | Uint8Array | undefined;
  try {
    value = await secrets.get(secretArn, { maxAge: signingKeyMaxAgeSeconds });
  } catch (error) {
    // Powertools wraps the SDK error; the code worth reporting is the AWS one underneath.
    throw new DependencyError('SecretsManager', error instanceof Error && error.cause ? error.cause : error);
  }
  if (typeof value !== 'string') throw unusableKey('SecretStringMissing');
  const key = new TextEncoder().encode(value);
  if (key.length < minimumKeyBytes) throw unusableKey('SigningKeyTooShort');
  return key;
};

export interface IssueTokenOptions {
  readonly secretArn: string;
  readonly issuer: string;
  readonly ttlSeconds: number;
}

/** The OAuth2 token response body (RFC 6749 §5.1). */
export interface IssuedToken {
  readonly access_token: string;
  readonly token_type: 'bearer';
  readonly expires_in: number;
}

/** Signs an HS256 access token for `subject` with a unique jti, so a leaked token can be traced and denied. */
export const issueToken = async (subject: string, options: IssueTokenOptions): Promise<IssuedToken> => {
  const key = await signingKey(options.secretArn);
  const now = Math.floor(Date.now() / 1000);
  const accessToken = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(options.issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + options.ttlSeconds)
    .setJti(randomUUID())
    .sign(key);
  return { access_token: accessToken, token_type: 'bearer', expires_in: options.ttlSeconds };
};
