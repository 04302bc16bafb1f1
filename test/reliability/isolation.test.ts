import { logEvent, logger, requestLogging } from '@cream/logging';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type CapturedOutput, captureOutput } from './support/captured-output';
import { httpApiEvent } from './support/http-api-event';
import { lambdaContext } from './support/lambda-context';

// 10,000 sequential invocations: ~3 s alone, ~35 s seen on a loaded 2-core machine.
jest.setTimeout(120_000);

const invocations = 10_000;

/** Every value that identifies invocation `i`; none may appear in another invocation's records. */
const idsOf = (i: number) => ({
  user: `user-${i}-x`,
  correlationId: `cid-${i}-x`,
  requestId: `req-${i}-x`,
  tenant: `tenant-${i}-x`,
});
const idPattern = /(?:user|cid|req|tenant)-(\d+)-x/g;

/** Created at module level, as handler modules do: its temporary keys must die with each request too. */
const child = logger.createChild({ persistentKeys: { component: 'isolation' } });

describe('request-scoped keys never leak between invocations', () => {
  let out: CapturedOutput;
  beforeAll(() => {
    out = captureOutput();
  });
  afterAll(() => out.stop());

  it(`no key of one invocation appears in another's records over ${invocations.toLocaleString('en')} sequential invocations`, async () => {
    const started = performance.now();
    // Some invocations append keys, some fail, some do neither: a key appended by one must be gone by the next.
    const handler = middy(async (event: APIGatewayProxyEventV2) => {
      const i = Number(event.pathParameters?.n);
      const { user, tenant } = idsOf(i);
      if (i % 2 === 0) logger.appendKeys({ tenant });
      if (i % 3 === 0) logger.appendKeys({ [`only_in_${i % 7}`]: tenant });
      if (i % 4 === 1) child.appendKeys({ child_tenant: tenant });
      logEvent('login_attempt', { outcome: 'success', user });
      child.info('child_line', { user });
      if (i % 5 === 0) throw new Error(`failure for ${user}`);
      return { statusCode: 200, body: user };
    }).use(requestLogging());

    let records = 0;
    const appendedKeyOwners = new Map<string, number>();
    for (let i = 0; i < invocations; i++) {
      out.clear();
      const ids = idsOf(i);
      const event = {
        ...httpApiEvent({ headers: { 'x-correlation-id': ids.correlationId } }),
        pathParameters: { n: String(i) },
      };
      await handler(event, lambdaContext(ids.requestId)).catch(() => undefined);

      for (const line of out.lines) {
        for (const match of line.matchAll(idPattern)) {
          if (Number(match[1]) !== i)
            throw new Error(`invocation ${i} wrote a key of invocation ${match[1]}: ${line}`);
        }
        const record = JSON.parse(line) as Record<string, unknown>;
        expect(record.correlation_id).toBe(ids.correlationId);
        expect(record.function_request_id).toBe(ids.requestId);
        for (const key of Object.keys(record)) {
          if (key.startsWith('only_in_')) appendedKeyOwners.set(key, i);
        }
        if (i % 2 !== 0 && 'tenant' in record)
          throw new Error(`invocation ${i} carries a stale tenant: ${line}`);
        if ((i % 4 !== 1 || record.message !== 'child_line') && 'child_tenant' in record)
          throw new Error(`invocation ${i} carries a child logger's stale key: ${line}`);
        if (record.message === 'child_line' && record.component !== 'isolation')
          throw new Error(`invocation ${i} lost the child logger's persistent key: ${line}`);
        if (i % 3 !== 0 && Object.keys(record).some((k) => k.startsWith('only_in_'))) {
          throw new Error(`invocation ${i} carries a stale appended key: ${line}`);
        }
        records++;
      }
    }

    expect(records).toBeGreaterThanOrEqual(3 * invocations);
    process.stdout.write(
      `isolation: ${invocations} invocations, ${records} records checked in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  });
});
