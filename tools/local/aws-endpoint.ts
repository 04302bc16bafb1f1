import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A modelled AWS error: its code becomes `__type`, as the JSON protocols expect; `fields` join the body. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400,
    readonly fields: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export type Operation = (input: Record<string, unknown>) => unknown;

/** One service: its `X-Amz-Target` prefix (`Logs_20140328`), JSON protocol version and operations. */
export interface LocalService {
  readonly targetPrefix: string;
  readonly jsonVersion: '1.0' | '1.1';
  readonly operations: Readonly<Record<string, Operation>>;
}

const MaxBodyBytes = 1024 * 1024;

const readBody = (request: http.IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MaxBodyBytes) reject(new AwsError('SerializationException', 'Request too large', 413));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

/**
 * The one local endpoint for every AWS JSON-protocol call the functions make besides DynamoDB (Secrets
 * Manager, CloudWatch Logs, CloudWatch): the SDK's `AWS_ENDPOINT_URL_<SERVICE>` variables all point here and
 * requests are told apart by `X-Amz-Target`, as AWS's own front ends do. Signatures are not checked.
 */
export const startAwsEndpoint = async (
  services: readonly LocalService[],
  onCall?: (target: string, error?: AwsError) => void,
): Promise<{ url: string; close: () => Promise<void> }> => {
  const byPrefix = new Map(services.map((service) => [service.targetPrefix, service]));
  const server = http.createServer(async (request, response) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    const [prefix, operationName] = target.split('.', 2) as [string, string | undefined];
    const service = byPrefix.get(prefix);
    const send = (statusCode: number, body: unknown, error?: AwsError) => {
      const headers: Record<string, string> = {
        'content-type': `application/x-amz-json-${service?.jsonVersion ?? '1.1'}`,
        'x-amzn-requestid': randomUUID(),
      };
      if (error) {
        headers['x-amzn-errortype'] = error.code;
        // CloudWatch is "awsQueryCompatible": the SDK reads the query-era error code from this header.
        headers['x-amzn-query-error'] = `${error.code};${error.statusCode < 500 ? 'Sender' : 'Receiver'}`;
      }
      response.writeHead(statusCode, headers).end(JSON.stringify(body));
      onCall?.(target, error);
    };
    try {
      const operation = operationName ? service?.operations[operationName] : undefined;
      if (!operation)
        throw new AwsError(
          'UnknownOperationException',
          `Operation ${target || '(none)'} is not served locally`,
        );
      const text = await readBody(request);
      let input: Record<string, unknown>;
      try {
        input = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        throw new AwsError('SerializationException', 'Request body is not valid JSON');
      }
      send(200, (await operation(input)) ?? {});
    } catch (caught) {
      const error =
        caught instanceof AwsError
          ? caught
          : new AwsError('InternalFailure', String((caught as Error)?.message), 500);
      send(error.statusCode, { ...error.fields, __type: error.code, message: error.message }, error);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** Offset-based `nextToken` paging shared by the Describe operations. */
export const paginate = <T>(
  items: readonly T[],
  limit: unknown,
  token: unknown,
  defaultLimit = 50,
): { page: T[]; nextToken?: string } => {
  const start = typeof token === 'string' && /^\d+$/.test(token) ? Number(token) : 0;
  const size = typeof limit === 'number' && limit > 0 ? limit : defaultLimit;
  const page = items.slice(start, start + size);
  return { page, nextToken: start + size < items.length ? String(start + size) : undefined };
};
