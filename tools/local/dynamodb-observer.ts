import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamoDbCallFact } from '../monitoring';

const MaxBodyBytes = 16 * 1024 * 1024;

/** `DynamoDB_20120810.GetItem` → `GetItem`; the table from the request body, when it names one. */
const describeCall = (target: string, body: string): { operation: string; tableName?: string } => {
  const operation = target.split('.')[1] ?? target;
  try {
    const input = JSON.parse(body) as { TableName?: unknown };
    return { operation, tableName: typeof input.TableName === 'string' ? input.TableName : undefined };
  } catch {
    return { operation };
  }
};

/** The error code of a DynamoDB JSON error body (`{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException"}`). */
const errorCodeOf = (body: string): string | undefined => {
  try {
    const type = (JSON.parse(body) as { __type?: unknown }).__type;
    return typeof type === 'string' ? type.slice(type.lastIndexOf('#') + 1) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * A pass-through in front of the local DynamoDB: the functions' SDK calls go through it unchanged, and every
 * answer becomes a fact (table, operation, error code, status, latency) for the AWS/DynamoDB metrics, so what
 * the table counts locally is what the local DynamoDB really answered (dynalite never throttles, so locally
 * throttles only appear if it ever refuses a call).
 */
export const startDynamoDbObserver = async (
  targetUrl: string,
  onCall: (fact: DynamoDbCallFact) => void,
): Promise<{ url: string; close(): Promise<void> }> => {
  const target = new URL(targetUrl);
  const server = http.createServer((request, response) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MaxBodyBytes) chunks.push(chunk);
    });
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const forward = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: request.method,
          path: request.url,
          headers: request.headers,
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (part: Buffer) => parts.push(part));
          answer.on('end', () => {
            const answerBody = Buffer.concat(parts);
            response.writeHead(answer.statusCode ?? 500, answer.headers).end(answerBody);
            const call = describeCall(String(request.headers['x-amz-target'] ?? ''), body.toString('utf8'));
            const status = answer.statusCode ?? 500;
            if (call.tableName)
              onCall({
                tableName: call.tableName,
                operation: call.operation,
                timestampMs: started,
                httpStatus: status,
                errorCode:
                  status >= 400 ? (errorCodeOf(answerBody.toString('utf8')) ?? 'UnknownError') : undefined,
                latencyMs: Date.now() - started,
              });
          });
        },
      );
      forward.on('error', () => {
        if (!response.headersSent) response.writeHead(502).end();
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
