/**
 * What the middleware writes by itself, end to end with real event shapes from test/fixtures/events: `path`
 * (route-template parameters with secret names, tokens after sensitive words, glued query strings, matrix
 * parameters, JWTs, `%40` emails), `user_agent`, and `source_ip` (the address the platform saw, or nothing).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logger, requestLogging, setLogSink } from '@cream/logging';
import middy from '@middy/core';
import { captureLines, type LogRecord, lambdaContext } from './helpers';

// biome-ignore lint/suspicious/noExplicitAny: fixture events of several shapes are edited in place
type Event = Record<string, any>;

const fixture = (name: string): Event =>
  JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'events', name), 'utf8')) as Event;

/** HTTP API (v2): the path in three places, the route key naming the template. */
const httpApi = (path: string, routeKey = '$default'): Event => {
  const event = fixture('apigw-http/pt-ts_no-auth.json');
  event.rawPath = path;
  event.routeKey = routeKey;
  event.requestContext.http.path = path;
  event.requestContext.routeKey = routeKey;
  return event;
};
/** REST (v1): `path`, the stage-prefixed `requestContext.path` and the `resource` template. */
const rest = (path: string, resource: string): Event => {
  const event = fixture('apigw-rest/pt-ts_no-auth.json');
  event.path = path;
  event.requestContext.path = `/prod${path}`;
  event.resource = resource;
  event.requestContext.resourcePath = resource;
  return event;
};
const alb = (path: string, headers: Record<string, unknown> = {}): Event => {
  const event = fixture('alb/java_elb_event.json');
  event.path = path;
  event.headers = { ...event.headers, ...headers };
  return event;
};
const functionUrl = (path: string): Event => {
  const event = fixture('function-url/pt-ts_get-request.json');
  event.rawPath = path;
  event.requestContext.http.path = path;
  return event;
};

/** Runs the event through a handler that dumps it into a record (a common mistake the layer must survive). */
const run = async (event: Event): Promise<{ record: LogRecord; output: string }> => {
  const out = captureLines();
  const handler = middy(async (received: unknown) => {
    logger.info('received_event', { event: received });
    return { statusCode: 200, body: 'ok' };
  }).use(requestLogging());
  await handler(event, lambdaContext());
  const record = out.byMessage('request_completed')[0] as LogRecord;
  return { record, output: out.lines.join('\n') };
};

afterEach(() => setLogSink(undefined));

describe('the path the middleware writes', () => {
  it.each([
    ['an HTTP API route parameter', httpApi('/a/Tk-S3cret-1', 'GET /a/{sessionId}'), '/a/[REDACTED]'],
    [
      'an HTTP API route parameter behind a stage',
      httpApi('/prod/a/Tk-S3cret-1', 'GET /a/{token}'),
      '/prod/a/[REDACTED]',
    ],
    ['a REST resource parameter', rest('/files/Sig-S3cret-2', '/files/{signature}'), '/files/[REDACTED]'],
    ['a REST greedy parameter', rest('/dl/a/Sig-S3cret-3', '/dl/{token+}'), '/dl/[REDACTED]/[REDACTED]'],
    ['a query glued to an ALB path', alb('/cb?access_token=Tok-S3cret-4&x=1'), '/cb'],
    ['a reset token', functionUrl('/reset-password/Rst-S3cret-5'), '/reset-password/[REDACTED]'],
    ['a magic link', functionUrl('/auth/magic-link/mgcS3cretlowercase'), '/auth/magic-link/[REDACTED]'],
    ['a verify link', functionUrl('/verify/email/Vfy-S3cret-6'), '/verify/email/[REDACTED]'],
    ['an invite', functionUrl('/invite/Inv-S3cret-7/accept'), '/invite/[REDACTED]/accept'],
    ['an unsubscribe link', functionUrl('/unsubscribe/Uns-S3cret-8'), '/unsubscribe/[REDACTED]'],
    ['a session id', functionUrl('/sessions/Ses-S3cret-9'), '/sessions/[REDACTED]'],
    ['a confirm link', functionUrl('/confirm/Cnf-S3cret-10'), '/confirm/[REDACTED]'],
    ['an activation link', functionUrl('/activate/Act-S3cret-11'), '/activate/[REDACTED]'],
    ['a matrix parameter', alb('/shop;jsessionid=Jsn-S3cret-12/cart'), '/shop;jsessionid=[REDACTED]/cart'],
    [
      'a JWT',
      functionUrl('/t/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJKd3QtUzNjcmV0LTEzIn0.c2lnbmF0dXJl'),
      '/t/[REDACTED]',
    ],
    ['a %40 email', functionUrl('/users/jane.doe%40example.com/orders'), '/users/j***@example.com/orders'],
  ])('redacts %s', async (_kind, event, expected) => {
    const { record, output } = await run(event);
    expect(record.path).toBe(expected);
    expect(output).not.toMatch(/S3cret|Sig-|Tok-|Rst-|Jwt-|jane|SndDLVMzY3JldC0xMyJ9/);
  });

  it.each([
    [
      'an HTTP API route with an ordinary parameter',
      httpApi('/orders/ord-8c1f2a', 'GET /orders/{orderId}'),
      '/orders/ord-8c1f2a',
    ],
    ['a REST proxy route', rest('/hello/world', '/{proxy+}'), '/hello/world'],
    ['a plain path', functionUrl('/users/me/settings'), '/users/me/settings'],
    ['an id path', alb('/orders/42/items'), '/orders/42/items'],
    [
      'a route word after a sensitive word',
      functionUrl('/password/reset/request'),
      '/password/reset/request',
    ],
  ])('leaves %s readable', async (_kind, event, expected) => {
    const { record } = await run(event);
    expect(record.path).toBe(expected);
  });

  it("applies the middleware's extra redactKeys to route parameters", async () => {
    const out = captureLines();
    const handler = middy(async () => ({ statusCode: 200 })).use(
      requestLogging({ redactKeys: ['order_ref'] }),
    );
    await handler(httpApi('/orders/Ref-S3cret-15', 'GET /orders/{order_ref}'), lambdaContext());
    expect(out.byMessage('request_completed')[0]).toMatchObject({ path: '/orders/[REDACTED]' });
    expect(out.lines.join('\n')).not.toContain('S3cret');
    // options are module-wide until they are scoped per middleware instance: restore the defaults
    middy(async () => ({})).use(requestLogging());
  });

  it('redacts the path of request_started the same way (DEBUG)', async () => {
    logger.setLogLevel('DEBUG');
    try {
      const out = captureLines();
      await middy(async () => ({ statusCode: 200 })).use(requestLogging())(
        httpApi('/reset/Rst-S3cret-14', 'POST /reset/{token}'),
        lambdaContext(),
      );
      expect(out.byMessage('request_started')[0]).toMatchObject({
        path: '/reset/[REDACTED]',
        route: '/reset/{token}',
      });
      expect(out.lines.join('\n')).not.toContain('S3cret');
    } finally {
      logger.setLogLevel('INFO');
    }
  });
});

describe('the user agent the middleware writes', () => {
  it('redacts a token a client put in its user agent', async () => {
    const event = functionUrl('/');
    event.requestContext.http.userAgent = 'sync-client/2.1 (api_key=Key-S3cret-15; Bearer abcdef123456)';
    const { record, output } = await run(event);
    expect(record.user_agent).toBe('sync-client/2.1 (api_key=[REDACTED]; Bearer [REDACTED])');
    expect(output).not.toMatch(/S3cret|abcdef123456/);
  });

  it('leaves a browser user agent as it is', async () => {
    const { record } = await run(alb('/'));
    expect(record.user_agent).toBe(
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.11; rv:60.0) Gecko/20100101 Firefox/60.0',
    );
  });
});

describe('source_ip', () => {
  it.each([
    [
      'the entry the ALB appended, not a spoofed first hop',
      { 'x-forwarded-for': '6.6.6.6, 198.51.100.7' },
      '198.51.100.7',
    ],
    ['an IPv6 peer', { 'x-forwarded-for': '6.6.6.6, 2001:db8::7' }, '2001:db8::7'],
  ])('is %s', async (_kind, headers, expected) => {
    const { record } = await run(alb('/', headers));
    expect(record.source_ip).toBe(expected);
  });

  it('takes the last entry of the last multi-value X-Forwarded-For header', async () => {
    const event = fixture('alb/go_alb-lambda-target-request-multivalue-headers.json');
    event.multiValueHeaders['x-forwarded-for'] = ['6.6.6.6, 7.7.7.7', '203.0.113.70'];
    const { record } = await run(event);
    expect(record.source_ip).toBe('203.0.113.70');
  });

  it.each(['unknown', '<script>alert(1)</script>', '203.0.113.7:443', '1.2.3.4.5', '', 'Visible-AAA'])(
    'is left out when the ALB header ends in %j',
    async (last) => {
      const { record } = await run(alb('/', { 'x-forwarded-for': `203.0.113.7, ${last}` }));
      expect(record).not.toHaveProperty('source_ip');
    },
  );

  it('is left out when an HTTP API sourceIp is no address', async () => {
    const event = httpApi('/');
    event.requestContext.http.sourceIp = 'not-an-ip';
    const { record } = await run(event);
    expect(record).not.toHaveProperty('source_ip');
  });
});
