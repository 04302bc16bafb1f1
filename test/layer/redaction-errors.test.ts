/**
 * Errors and fallbacks, end to end through the real middleware: every message, stack, cause, inner error and
 * placeholder is redacted text, and every fallback (depth limits, parse failures, throwing getters) redacts or
 * drops, never writes the raw text.
 */
import { logger, requestLogging, setLogSink } from '@cream/logging';
import middy from '@middy/core';
import { captureLines, httpApiEvent, type LogRecord, lambdaContext } from './helpers';

const secret = 'hunter2-S3cret';

/** Runs a handler that logs `fields` and throws `error`; returns the output and its request_failed record. */
const run = async (error: unknown, fields: Record<string, unknown> = {}) => {
  const out = captureLines();
  const handler = middy(async () => {
    if (Object.keys(fields).length > 0) logger.info('handler_note', fields);
    throw error;
  }).use(requestLogging());
  await handler(httpApiEvent(), lambdaContext()).catch(() => undefined);
  const failed = out.byMessage('request_failed')[0] as LogRecord & { error: Record<string, unknown> };
  return { output: out.lines.join('\n'), failed, records: out.records() };
};

describe('errors in records', () => {
  afterEach(() => setLogSink(undefined));

  it('redacts secrets in the message and the stack', async () => {
    const { output, failed } = await run(new Error(`login failed password=${secret}; user=bob`));
    expect(output).not.toContain(secret);
    expect(failed.error.message).toBe('login failed password=[REDACTED]; user=bob');
    expect(failed.error.stack).toMatch(/^Error: login failed password=\[REDACTED\]; user=bob\n\s+at /);
  });

  it('redacts the stack on its own when the message was rewritten after the error was built', async () => {
    const error = new Error(`upstream said {"token":"${secret}"}`);
    void error.stack; // formatted now: the stack keeps the original message
    error.message = 'upstream rejected the request';
    const { output, failed } = await run(error);
    expect(output).not.toContain(secret);
    expect(failed.error.message).toBe('upstream rejected the request');
    expect(failed.error.stack).toContain('upstream said {"token":"[REDACTED]"}');
  });

  it('redacts every error of a cause chain, objects in it included', async () => {
    const root = new Error(`db connect postgres://app:${secret}@db/app`, {
      cause: { request: { headers: { authorization: `Bearer ${secret}` } } },
    });
    const { output, failed } = await run(
      new Error('order failed', { cause: new Error('save failed', { cause: root }) }),
    );
    expect(output).not.toContain(secret);
    const cause = failed.error.cause as { cause: { message: string; cause: unknown } };
    expect(cause.cause.message).toBe('db connect postgres://app:[REDACTED]@db/app');
    expect(cause.cause.cause).toEqual({ request: { headers: { authorization: '[REDACTED]' } } });
  });

  it('redacts AggregateError.errors, nested ones included', async () => {
    const aggregate = new AggregateError(
      [new Error(`token=${secret}`), new AggregateError([new Error(`--password ${secret}`)], 'inner')],
      'batch failed',
    );
    const { output, failed } = await run(aggregate);
    expect(output).not.toContain(secret);
    const errors = failed.error.errors as { message: string; errors?: { message: string }[] }[];
    expect(errors[0]?.message).toBe('token=[REDACTED]');
    expect(errors[1]?.errors?.[0]?.message).toBe('--password [REDACTED]');
  });

  // SuppressedError (explicit resource management) exists from Node 24 on; the layer also runs on Node 22
  (typeof SuppressedError === 'function' ? it : it.skip)(
    'redacts both parts of a SuppressedError',
    async () => {
      const { output, failed } = await run(
        new SuppressedError(new Error(`token=${secret}`), new Error(`secret: ${secret}`), 'cleanup'),
      );
      expect(output).not.toContain(secret);
      const parts = failed.error as { error: { message: string }; suppressed: { message: string } };
      expect(parts.error.message).toBe('token=[REDACTED]');
      expect(parts.suppressed.message).toBe('secret: [REDACTED]');
    },
  );

  it('redacts the input V8 quotes when JSON.parse fails on a body', async () => {
    const handlerError = (() => {
      try {
        JSON.parse(secret);
      } catch (error) {
        return error;
      }
    })();
    const { output, failed } = await run(handlerError);
    expect(output).not.toContain(secret);
    expect(output).not.toContain('hunter');
    expect(failed.error.message).toBe('Unexpected token [REDACTED] is not valid JSON');
  });

  it('redacts the message of a getter that throws, and of a toJSON that throws', async () => {
    const hostile = {
      get config() {
        throw new Error(`cannot read api_key=${secret}`);
      },
      nested: {
        toJSON() {
          throw new Error(`password: ${secret}`);
        },
      },
    };
    const { output, records } = await run(new Error('failed'), { hostile });
    expect(output).not.toContain(secret);
    expect(records[0]).toMatchObject({
      hostile: {
        config: '[Unserializable: cannot read api_key=[REDACTED]]',
        nested: '[Unserializable: password: [REDACTED]]',
      },
    });
  });
});

describe('fallbacks fail closed', () => {
  afterEach(() => setLogSink(undefined));

  const nested = (depth: number, leaf: string): string =>
    `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;

  it.each([
    ['a JSON body nested 5,000 levels', nested(5000, `{"password":"${secret}"}`)],
    ['an array body nested 5,000 levels', `${'['.repeat(5000)}{"token":"${secret}"}${']'.repeat(5000)}`],
    ['a deep body cut short (no longer JSON)', nested(5000, `{"password":"${secret}"`).slice(0, -100)],
    [
      'a deep body cut short with an object value',
      `${nested(3000, `{"credentials":{"k":"${secret}"`)}`.slice(0, -50),
    ],
    [
      'JSON inside JSON strings, 8 levels',
      Array.from({ length: 8 }).reduce<string>(
        (inner) => JSON.stringify({ wrapped: inner }),
        `{"secret":"${secret}"}`,
      ),
    ],
  ])('never writes the raw text of %s', async (_kind, body) => {
    const { output, records } = await run(new Error('failed'), { request: { body } });
    expect(output).not.toContain(secret);
    // the body is still there (cut or redacted), not dropped with the rest of the record
    expect(records[0]).toHaveProperty('request.body', expect.any(String));
  });

  it('cuts an object deeper than the walk limit instead of writing it', async () => {
    let deep: Record<string, unknown> = { note: `password=${secret}`, password: secret };
    for (let i = 0; i < 50; i++) deep = { level: deep };
    const { output } = await run(new Error('failed'), { deep });
    expect(output).not.toContain(secret);
    expect(output).toContain('[MaxDepth]');
  });
});
