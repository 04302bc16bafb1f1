import { InternalServerError, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { hashPassword } from '../../../functions/login/password-hash';
import type { InstallFakes } from '../aws-fakes';
import { verifyScryptParameters } from './login-requests';

/** Modelled service time of an answered DynamoDB call. */
const dynamoLatencyMs = 4;

/**
 * The login function's AWS, in its runner process: the users table (items hold real scrypt hashes, made by the
 * login's own hashing code with verify's cheap parameters), the JWT secret, and the deployment mistake of a
 * missing table variable.
 */
export const installFakes: InstallFakes = async (context) => {
  const hashes = new Map<string, string>();
  for (const user of context.fixtures.users)
    hashes.set(user.email, await hashPassword(user.password, verifyScryptParameters));

  const answered = (tableName: string, error?: { name: string; $metadata: { httpStatusCode?: number } }) => {
    const latencyMs = dynamoLatencyMs;
    context.recordDynamoCall({
      tableName,
      operation: 'GetItem',
      errorCode: error?.name,
      httpStatus: error?.$metadata.httpStatusCode,
      latencyMs,
    });
    if (error) throw error;
  };

  mockClient(DynamoDBDocumentClient)
    .on(GetCommand)
    .callsFake(async (input: { TableName?: string; Key?: { email?: string } }) => {
      const tableName = input.TableName ?? '';
      const unavailable = context.sdkCall('DynamoDB') !== undefined;
      if (context.has('sdk-debug-output')) console.info('DynamoDBDocumentClient GetCommand input', input);
      if (unavailable)
        answered(
          tableName,
          new InternalServerError({ message: 'Internal server error', $metadata: { httpStatusCode: 500 } }),
        );
      if (context.has('dynamodb-throttled'))
        answered(
          tableName,
          new ProvisionedThroughputExceededException({
            message: 'The level of configured provisioned throughput for the table was exceeded',
            $metadata: { httpStatusCode: 400 },
          }),
        );
      answered(tableName);
      const email = input.Key?.email ?? '';
      const hash = hashes.get(email);
      return { Item: hash ? { email, password_hash: hash } : undefined, $metadata: { httpStatusCode: 200 } };
    });

  mockClient(SecretsManagerClient)
    .on(GetSecretValueCommand)
    .callsFake(async (input: { SecretId?: string }) => {
      const fault = context.sdkCall('SecretsManager');
      if (fault) throw fault;
      return {
        ARN: input.SecretId,
        Name: 'jwt-signing-key',
        SecretString: context.fixtures.jwtSecret,
        $metadata: { httpStatusCode: 200 },
      };
    });

  return {
    // A deployment mistake: the variable the stack should have set is absent for this invocation.
    beforeInvoke: (plan) => {
      const removed = plan.faults.includes('missing-table-config') ? process.env.USERS_TABLE_NAME : undefined;
      if (removed === undefined) return undefined;
      delete process.env.USERS_TABLE_NAME;
      return () => {
        process.env.USERS_TABLE_NAME = removed;
      };
    },
  };
};
