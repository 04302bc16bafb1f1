import { logEvent, logger, requestLogging } from '@cream/logging';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import { type CapturedOutput, captureOutput } from './support/captured-output';
import { httpApiEvent } from './support/http-api-event';
import { lambdaContext } from './support/lambda-context';
import { nest, nestingPath, ordinaryKey, secretKey, tagged } from './support/secret-arbitraries';

// 10,000 generated payloads through the real middleware: ~3 s alone, ~35 s seen on a loaded 2-core machine.
jest.setTimeout(120_000);

const payloadCount = 10_000;
const stackCount = 1_000;

/** Where a generated secret is put; every place is one a real request or handler puts secrets in. */
const places = [
  'header',
  'query',
  'cookie-header',
  'cookies-array',
  'json-body',
  'form-body',
  'logged-object',
  'error-cause',
  'error-message-json',
] as const;
type Place = (typeof places)[number];

interface Placement {
  readonly place: Place;
  readonly key: string;
  readonly ordinary: string;
  readonly secret: string;
  readonly visible: string;
  readonly path: readonly (string | null)[];
}

const placement = fc.record({
  place: fc.constantFrom(...places),
  // any case and separator, with invisible characters or fullwidth forms in some: keys are normalised first
  key: secretKey({
    separators: ['-', '_', '.', ' ', '', 'camel'],
    disguises: ['none', 'none', 'invisible', 'fullwidth'],
  }),
  secret: tagged('S3cr3t'),
  visible: tagged('Visible'),
  // the visible sibling's key is an ordinary name in any rendering (`status_code`, `token_type`, an S3 `key`...):
  // a negative control, it must never be redacted
  ordinary: ordinaryKey({ separators: ['-', '_', '.', '', 'camel'], disguises: ['none', 'fullwidth'] }),
  path: nestingPath(),
});

/** One generated request: its event, what the handler logs and throws, and what must (not) appear. */
const buildCase = (placements: readonly Placement[], fails: boolean, n: number) => {
  const headers: Record<string, string> = { 'x-correlation-id': `cid-${n}` };
  const query: string[] = [];
  const cookies: string[] = [];
  const bodies: unknown[] = [];
  const form: string[] = [];
  const logged: unknown[] = [];
  const causes: unknown[] = [];
  const messages: unknown[] = [];
  for (const { place, key, ordinary, secret, visible, path } of placements) {
    // the visible sibling proves the payload really reached the output: only its secret may vanish
    const leaf = { [key]: secret, [ordinary]: visible };
    if (place === 'header') headers[key] = secret;
    else if (place === 'query')
      query.push(`${encodeURIComponent(key)}=${secret}`, `${encodeURIComponent(ordinary)}=${visible}`);
    else if (place === 'cookie-header') headers.cookie = `theme=dark; session=${secret}`;
    else if (place === 'cookies-array') cookies.push(`session=${secret}`);
    else if (place === 'json-body') bodies.push(nest(path, leaf));
    // one body per request: form-encoded only when no placement asked for a JSON body
    else if (place === 'form-body' && !placements.some((p) => p.place === 'json-body'))
      form.push(`${encodeURIComponent(key)}=${secret}`, `${encodeURIComponent(ordinary)}=${visible}`);
    else if (place === 'form-body') bodies.push(leaf);
    else if (place === 'logged-object') logged.push(nest(path, leaf));
    else if (place === 'error-cause') causes.push(nest(path, leaf));
    else messages.push(nest(path, leaf));
  }
  const body =
    form.length > 0 ? form.join('&') : bodies.length > 0 ? JSON.stringify({ batch: bodies }) : undefined;
  if (form.length > 0) headers['content-type'] = 'application/x-www-form-urlencoded';
  const event = httpApiEvent({
    path: `/orders/${n}`,
    headers,
    cookies: cookies.length > 0 ? cookies : undefined,
    rawQueryString: query.join('&'),
    body,
  });
  const error =
    fails || causes.length > 0 || messages.length > 0
      ? new Error(messages.length > 0 ? JSON.stringify({ rejected: messages }) : 'order rejected', {
          cause: causes.length > 0 ? { upstream: causes } : undefined,
        })
      : undefined;
  return { event, logged, error };
};

describe('redaction holds for generated payloads end to end', () => {
  let out: CapturedOutput;
  beforeAll(() => {
    out = captureOutput();
    // DEBUG: request_started and buffered debug records are printed too, so more output is checked
    logger.setLogLevel('DEBUG');
  });
  afterAll(() => {
    logger.setLogLevel('INFO');
    out.stop();
  });

  const checkGenerated = async (title: string, runs: number, allowed: readonly Place[]): Promise<void> => {
    const started = performance.now();
    let bytesChecked = 0;
    let secretsPlaced = 0;
    let n = 0;
    let current: { logged: unknown[]; error?: Error } = { logged: [] };
    // The handler logs the whole event and the generated objects (a common mistake the layer must survive),
    // then fails with the generated error when there is one.
    const handler = middy(async (event: APIGatewayProxyEventV2) => {
      logEvent('system_event', { event: 'health_check', checks: { request: event, logged: current.logged } });
      if (current.error) throw current.error;
      return { statusCode: 200, body: '{"ok":true}' };
    }).use(requestLogging());
    const placementIn = placement.filter((p) => allowed.includes(p.place));

    await fc.assert(
      fc.asyncProperty(
        fc.array(placementIn, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (placements, fails) => {
          n++;
          out.clear();
          const { event, logged, error } = buildCase(placements, fails, n);
          current = { logged, error };
          await handler(event, lambdaContext(`req-${n}`)).catch(() => undefined);
          const output = out.lines.join('\n');
          bytesChecked += output.length;
          secretsPlaced += placements.length;
          for (const { secret, visible, place } of placements) {
            const suffix = secret.slice('S3cr3t-'.length);
            if (output.includes(secret) || output.includes(suffix)) {
              throw new Error(`secret from ${place} leaked:\n${output}`);
            }
            const redactedWholesale =
              place === 'cookie-header' || place === 'cookies-array' || place === 'header';
            if (!redactedWholesale && !output.includes(visible)) {
              throw new Error(
                `the payload from ${place} never reached the output, so the check proves nothing`,
              );
            }
          }
        },
      ),
      { numRuns: runs },
    );

    process.stdout.write(
      `${title}: ${runs} payloads, ${secretsPlaced} secrets, ${(bytesChecked / 1e6).toFixed(1)} MB of output ` +
        `checked in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  };

  it(`no secret value in any output byte over ${payloadCount.toLocaleString('en')} generated payloads`, async () => {
    await checkGenerated(
      'redaction',
      payloadCount,
      places.filter((p) => p !== 'error-message-json'),
    );
  });

  it(`a secret in a JSON error message stays out of the error's stack too (${stackCount.toLocaleString('en')} payloads)`, async () => {
    // the stack repeats the message verbatim ("Error: {...}"), so redacting `message` alone is not enough
    await checkGenerated('redaction in error messages', stackCount, ['error-message-json', 'error-cause']);
  });
});
