/**
 * Every fixture event (real ones copied from AWS/Powertools repositories and made-up secret-bearing ones)
 * through a real Middy handler: one valid JSON record per line, the contract keys present, and no secret value
 * of the event anywhere in the output, even though the handler dumps the whole event into a record.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { logger, requestLogging, setLogSink } from '@cream/logging';
import middy from '@middy/core';
import { captureLines, lambdaContext } from './helpers';

const root = join(__dirname, '..', 'fixtures', 'events');
const fixtureFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? fixtureFiles(join(dir, entry.name))
      : entry.name.endsWith('.json')
        ? [join(dir, entry.name)]
        : [],
  );
const fixtures = fixtureFiles(root).map((file) => [relative(root, file), file] as const);

/** The made-up fixtures' secrets, written to contain these markers. */
const madeUpSecret = /[A-Za-z0-9-]*(Secret|S3cret|Token)-[A-Za-z0-9-]*/g;
const sensitiveKey = /pass|secret|token|authorization|cookie|api[-_]?key/i;

/**
 * Secret values an event carries: values under sensitive keys and the made-up markers. A value that also
 * appears under a harmless key or as a key name (the Function URL fixture's cookie `foo=bar` is also its query
 * string, its token placeholder is `security-token`) is public.
 */
const secretsOf = (event: unknown, raw: string): string[] => {
  const found = new Set<string>(raw.match(madeUpSecret) ?? []);
  const publicText: string[] = [];
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (sensitiveKey.test(key) && value.length >= 6) found.add(value);
      else publicText.push(value);
    } else if (Array.isArray(value)) for (const item of value) walk(item, key);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        // key names stay in the output; a placeholder value such as `security-token` is not a leak
        publicText.push(k);
        walk(v, k);
      }
    }
  };
  walk(event, '');
  return [...found].filter((secret) => !publicText.some((text) => text.includes(secret)));
};

// `cold_start` is written only when true (the first invocation of an environment), so it is not listed here
const contractKeys = ['timestamp', 'level', 'service', 'message', 'correlation_id', 'function_request_id'];

describe.each(fixtures)('the fixture %s', (_name, file) => {
  const raw = readFileSync(file, 'utf8');
  const event = JSON.parse(raw) as Record<string, unknown>;
  afterEach(() => setLogSink(undefined));

  it.each([
    ['succeeds', false],
    ['throws', true],
  ])('yields valid contract records and no secret when the handler %s', async (_outcome, throws) => {
    // Prepare
    const out = captureLines();
    const handler = middy(async (received: unknown) => {
      logger.info('received_event', { event: received });
      if (throws) throw new Error('failed', { cause: { event: received } });
      return { statusCode: 200, body: 'ok' };
    }).use(requestLogging());

    // Act
    const result = handler(event, lambdaContext());
    if (throws) await expect(result).rejects.toThrow('failed');
    else await result;

    // Assess
    const records = out.records();
    expect(records.map((record) => record.message)).toEqual([
      'received_event',
      throws ? 'request_failed' : 'request_completed',
    ]);
    for (const record of records) {
      for (const key of contractKeys) expect(record).toHaveProperty(key);
    }
    expect(records[1]).toMatchObject({
      category: throws ? 'error' : 'application',
      duration_ms: expect.any(Number),
    });
    const output = out.lines.join('\n');
    for (const secret of secretsOf(event, raw)) expect(output).not.toContain(secret);
  });
});

describe('the fixtures', () => {
  it('include every event shape and the made-up secret-bearing events', () => {
    const kinds = new Set(fixtures.map(([name]) => name.split('/')[0]));
    expect([...kinds].sort()).toEqual([
      'alb',
      'apigw-http',
      'apigw-rest',
      'function-url',
      'made-up',
      'non-http',
    ]);
    const madeUp = fixtures.filter(([name]) => name.startsWith('made-up/'));
    for (const [, file] of madeUp) {
      expect(
        secretsOf(JSON.parse(readFileSync(file, 'utf8')), readFileSync(file, 'utf8')).length,
      ).toBeGreaterThanOrEqual(2);
    }
  });

  it('map HTTP events to method and path, and non-HTTP events to their source', async () => {
    // an HTTP function's trigger is known from its route; only non-HTTP records carry event_source
    const out = captureLines();
    const handler = middy(async () => ({ statusCode: 204 })).use(requestLogging());
    for (const [, file] of fixtures) await handler(JSON.parse(readFileSync(file, 'utf8')), lambdaContext());
    setLogSink(undefined);

    const rows = out
      .records()
      .map((record, index) => [fixtures[index]?.[0], record.event_source, record.method]);
    for (const [name, source, method] of rows) {
      if (String(name).startsWith('non-http/')) {
        expect(method).toBeUndefined();
        expect(source).toEqual(expect.any(String));
      } else {
        expect(method).toEqual(expect.any(String));
        expect(source).toBeUndefined();
      }
    }
  });
});
