import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SecretModel, StackModel } from '../cloud-assembly';
import { AwsError, type LocalService } from './aws-endpoint';

interface GenerateSecretString {
  readonly SecretStringTemplate?: string;
  readonly GenerateStringKey?: string;
  readonly PasswordLength?: number;
  readonly ExcludePunctuation?: boolean;
}

/** Letters and digits only: a value that survives any quoting, like `ExcludePunctuation` would give. */
const randomString = (length: number): string => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
};

/**
 * A fresh local value in the shape the template asks Secrets Manager for: an explicit `SecretString` as is,
 * a `GenerateSecretString` with a template as that JSON plus the generated key, else a random string.
 */
const initialValue = (stack: StackModel, secret: SecretModel): string => {
  const properties = stack.template.Resources[secret.logicalId]?.Properties ?? {};
  if (typeof properties.SecretString === 'string') return String(stack.resolve(properties.SecretString));
  const generate = (properties.GenerateSecretString ?? {}) as GenerateSecretString;
  const value = randomString(Math.max(generate.PasswordLength ?? 64, 32));
  if (generate.SecretStringTemplate && generate.GenerateStringKey) {
    const base = JSON.parse(generate.SecretStringTemplate) as Record<string, unknown>;
    return JSON.stringify({ ...base, [generate.GenerateStringKey]: value });
  }
  return value;
};

/**
 * The stack's secrets with local values, generated on first start and kept in `<home>/secrets.json` so tokens
 * signed before a restart still verify after it. The file is private to the user (mode 600).
 */
export const loadLocalSecrets = (stack: StackModel, home: string): Map<string, string> => {
  const file = path.join(home, 'secrets.json');
  const stored = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>)
    : {};
  let changed = false;
  for (const secret of stack.secrets) {
    if (stored[secret.name] !== undefined) continue;
    stored[secret.name] = initialValue(stack, secret);
    changed = true;
  }
  if (changed) fs.writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  return new Map(Object.entries(stored));
};

/** Secrets Manager (`secretsmanager`, AWS JSON 1.1): GetSecretValue by name or ARN. */
export const secretsService = (
  secrets: readonly SecretModel[],
  values: ReadonlyMap<string, string>,
  createdAt: number,
): LocalService => ({
  targetPrefix: 'secretsmanager',
  jsonVersion: '1.1',
  operations: {
    GetSecretValue: (input) => {
      const id = String(input.SecretId ?? '');
      // AWS accepts the name, the full ARN, or the ARN without its random suffix.
      const secret = secrets.find(
        (candidate) => candidate.name === id || candidate.arn === id || id.startsWith(`${candidate.arn}-`),
      );
      const value = secret ? values.get(secret.name) : undefined;
      if (!secret || value === undefined) {
        throw new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
      }
      return {
        ARN: secret.arn,
        Name: secret.name,
        SecretString: value,
        VersionId: 'local-version-1',
        VersionStages: ['AWSCURRENT'],
        // JSON protocols carry timestamps as epoch seconds.
        CreatedDate: createdAt / 1000,
      };
    },
  },
});
