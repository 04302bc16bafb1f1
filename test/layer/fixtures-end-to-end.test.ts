/**
 * Every fixture event (real ones copied from AWS/Powertools repositories and made-up secret-bearing ones)
 * through a real Middy handler: one valid JSON record per line, the contract keys present, and no secret value
 * of the event anywhere in the output, even though the handler dumps the whole event into a record.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { logger, recordKeys, requestLogging, setLogSink } from '@cream/logging';
import middy from '@middy/core';
import { expectations } from './fixture-expectations';
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

/** The text of every base64-looking token (bodies, Lattice/Kinesis data), so an encoded secret is seen too. */
const decoded = (text: string): string =>
  (text.match(/[A-Za-z0-9+/]{16,}={0,2}/g) ?? [])
    .map((token) => Buffer.from(token, 'base64').toString('utf8'))
    .join('\n');

/** Every output byte, plus what its base64 tokens decode to. */
const outputText = (lines: readonly string[]): string => {
  const text = lines.join('\n');
  return `${text}\n${decoded(text)}`;
};

/**
 * Secret values an event carries: values under sensitive keys and the made-up markers. A value that also
 * appears under a harmless key or as a key name (the Function URL fixture's cookie `foo=bar` is also its query
 * string, its token placeholder is `security-token`) is public.
 */
const secretsOf = (event: unknown, raw: string): string[] => {
  const markers = new Set<string>([
    ...(raw.match(madeUpSecret) ?? []),
    ...(decoded(raw).match(madeUpSecret) ?? []),
  ]);
  const found = new Set<string>(markers);
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
  // a made-up marker is a secret wherever it sits (`{ name: "DB_PASSWORD", value: marker }` included)
  return [...found].filter(
    (secret) => markers.has(secret) || !publicText.some((text) => text.includes(secret)),
  );
};

// `cold_start` is written only when true (the first invocation of an environment), so it is not listed here
const contractKeys = [
  recordKeys.timestamp,
  recordKeys.level,
  recordKeys.service,
  recordKeys.message,
  recordKeys.correlationId,
  recordKeys.requestId,
];

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
    const output = outputText(out.lines);
    for (const secret of secretsOf(event, raw)) expect(output).not.toContain(secret);
  });
});

const httpKeys = ['method', 'route', 'path', 'source_ip', 'user_agent'] as const;

describe.each(fixtures)('the fixture %s, through a handler that logs nothing', (name, file) => {
  const raw = readFileSync(file, 'utf8');
  const expected = expectations[name];
  afterEach(() => setLogSink(undefined));

  it('yields exactly one valid contract record with the fields of its shape and returns the result', async () => {
    // Prepare
    expect(expected).toBeDefined();
    const event: unknown = JSON.parse(raw);
    const result = { statusCode: 201, body: 'ok', headers: { 'content-type': 'text/plain' } };
    const out = captureLines();
    const handler = middy(async () => result).use(requestLogging());

    // Act
    const response = await handler(event, lambdaContext());

    // Assess
    expect(out.lines).toHaveLength(1);
    const [record] = out.records();
    for (const key of contractKeys) expect(record).toHaveProperty(key);
    expect(record).toMatchObject({ message: 'request_completed', status_code: 201 });
    expect(record?.correlation_id).toBe(expected?.correlation_id);
    const fields = Object.fromEntries(httpKeys.map((key) => [key, record?.[key]]));
    if (expected?.http) {
      expect(fields).toEqual({ ...expected.http });
      expect(record).not.toHaveProperty('event_source');
      expect(response).toEqual({
        ...result,
        headers: { ...result.headers, 'x-correlation-id': expected.correlation_id },
      });
    } else {
      expect(fields).toEqual({});
      expect(record?.event_source).toBe(expected?.event_source);
      expect(response).toBe(result);
    }
    // the middleware reads the event, never changes it
    expect(event).toEqual(JSON.parse(raw));
    const output = outputText(out.lines);
    for (const secret of secretsOf(event, raw)) expect(output).not.toContain(secret);
  });
});

describe('the fixtures', () => {
  it('cover every event shape, the made-up secret-bearing events and odd inputs, each with an expectation', () => {
    const kinds = new Set(fixtures.map(([name]) => name.split('/')[0]));
    expect([...kinds].sort()).toEqual([
      'alb',
      'apigw-http',
      'apigw-rest',
      'apigw-websocket',
      'function-url',
      'made-up',
      'non-http',
      'odd',
      'vpc-lattice',
    ]);
    expect(fixtures.map(([name]) => name).sort()).toEqual(Object.keys(expectations).sort());
    const madeUp = fixtures.filter(([name]) => name.startsWith('made-up/'));
    for (const [, file] of madeUp) {
      expect(
        secretsOf(JSON.parse(readFileSync(file, 'utf8')), readFileSync(file, 'utf8')).length,
      ).toBeGreaterThanOrEqual(2);
    }
  });

  it('are all listed with their provenance in SOURCES.md', () => {
    const sources = readFileSync(join(root, 'SOURCES.md'), 'utf8');
    for (const [name] of fixtures) expect(sources).toContain(`${name} |`);
  });
});
