import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SecretsManagerStub {
  readonly endpoint: string;
  /** SecretIds asked for, in order, so tests can assert caching. */
  readonly requests: string[];
  close(): Promise<void>;
}

/**
 * A few lines of Secrets Manager: GetSecretValue over the AWS JSON 1.1 protocol, which is all login calls.
 * A secret mapped to an `{ error }` answers the way AWS answers a failure (HTTP 400, `__type`).
 */
export const startSecretsManagerStub = async (
  secrets: Readonly<Record<string, { readonly value: string } | { readonly error: string }>>,
): Promise<SecretsManagerStub> => {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = (status: number, body: object) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify(body));
      };
      if (request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') {
        reply(400, { __type: 'UnknownOperationException', message: 'stub serves GetSecretValue only' });
        return;
      }
      const { SecretId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { SecretId: string };
      requests.push(SecretId);
      const secret = secrets[SecretId];
      if (!secret)
        reply(400, { __type: 'ResourceNotFoundException', message: 'Secrets Manager cannot find it' });
      else if ('error' in secret) reply(400, { __type: secret.error, message: `${secret.error} (stub)` });
      else {
        reply(200, {
          ARN: SecretId,
          Name: SecretId.split(':').at(-1),
          SecretString: secret.value,
          VersionId: '00000000-0000-0000-0000-000000000001',
          VersionStages: ['AWSCURRENT'],
          CreatedDate: 1_700_000_000,
        });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
