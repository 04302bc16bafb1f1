/**
 * Local stand-ins for what Lambda's environment gives a function: obviously fake credentials (nothing local
 * checks signatures, and a real key must never be needed or leaked) and the region.
 */
export const localCredentials = {
  accessKeyId: 'AKIDLOCALCREAM000000',
  secretAccessKey: 'local-secret-access-key-not-a-real-one',
  sessionToken: 'local-session-token',
} as const;

/** The SDK's per-service endpoint variables: each client the functions create finds its local server here. */
export const endpointEnvironment = (dynamoDbUrl: string, awsEndpointUrl: string): Record<string, string> => ({
  AWS_ENDPOINT_URL_DYNAMODB: dynamoDbUrl,
  AWS_ENDPOINT_URL_SECRETS_MANAGER: awsEndpointUrl,
  AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: awsEndpointUrl,
  AWS_ENDPOINT_URL_CLOUDWATCH: awsEndpointUrl,
  // Any other service the functions might call fails fast against the local endpoint rather than reaching AWS.
  AWS_ENDPOINT_URL: awsEndpointUrl,
});
