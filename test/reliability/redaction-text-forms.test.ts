/**
 * Secrets inside text, generated: every text form (`text-forms.ts`) with secret key names in any case, separator,
 * invisible character or fullwidth rendering, carried where text reaches a record (a logged field, a JSON body
 * string, an error message and its stack, a message rewritten after construction, a cause, an AggregateError's
 * inner errors), through the real middleware. No output byte (nor its base64- or URL-decoded form) may hold the
 * secret; the same forms with ordinary keys (`status_code`, `token_type`, an S3 `key`) must stay readable.
 */
import { logger, requestLogging } from '@cream/logging';
import middy from '@middy/core';
import fc from 'fast-check';
import { type CapturedOutput, captureOutput } from './support/captured-output';
import { httpApiEvent } from './support/http-api-event';
import { lambdaContext } from './support/lambda-context';
import { expectValidLines } from './support/line-checks';
import { ordinaryText, secretText } from './support/text-forms';

// 2,000 generated texts in 17 forms: ~1 s alone, ~11 s seen on a loaded 2-core machine.
jest.setTimeout(120_000);

const runs = 2_000;

const carriers = [
  'field',
  'json-body',
  'error-message',
  'rewritten-message',
  'cause',
  'aggregate',
  'deep-json',
] as const;
type Carrier = (typeof carriers)[number];

/** What the handler logs and throws so that `text` reaches the output through `carrier`. */
const carry = (carrier: Carrier, text: string): { fields: Record<string, unknown>; error?: Error } => {
  switch (carrier) {
    case 'field':
      return { fields: { note: text } };
    case 'json-body':
      return { fields: { body: JSON.stringify({ details: { note: text } }) } };
    case 'deep-json':
      // thousands of levels: whatever the depth limit does, it may not fall back to the raw text
      return { fields: { body: `${'['.repeat(3000)}${JSON.stringify(text)}${']'.repeat(3000)}` } };
    case 'error-message':
      return { fields: {}, error: new Error(text) };
    case 'rewritten-message': {
      const error = new Error(text);
      void error.stack; // the stack is formatted now, with the original message
      error.message = 'rejected';
      return { fields: {}, error };
    }
    case 'cause':
      return { fields: {}, error: new Error('order rejected', { cause: new Error(text) }) };
    case 'aggregate':
      return { fields: {}, error: new AggregateError([new Error('first'), new Error(text)], 'all failed') };
  }
};

/** The output plus what its base64 tokens and percent-escapes decode to, so an encoded secret is seen too. */
const decodedForms = (output: string): string => {
  const base64 = (output.match(/[A-Za-z0-9+/_-]{16,}={0,2}/g) ?? []).map((token) =>
    Buffer.from(token, token.includes('-') || token.includes('_') ? 'base64url' : 'base64').toString(
      'latin1',
    ),
  );
  let unescaped = output;
  try {
    unescaped = decodeURIComponent(output);
  } catch {
    unescaped = output.replace(/%[0-9A-Fa-f]{2}/g, (hex) =>
      String.fromCharCode(Number.parseInt(hex.slice(1), 16)),
    );
  }
  return [output, unescaped, ...base64].join('\n');
};

describe('secrets inside text stay out of every record, whatever their form', () => {
  let out: CapturedOutput;
  beforeAll(() => {
    out = captureOutput();
  });
  afterAll(() => out.stop());

  it(`holds for ${runs.toLocaleString('en')} generated texts, and ordinary key/value text stays readable`, async () => {
    let current: { fields: Record<string, unknown>; error?: Error } = { fields: {} };
    const handler = middy(async () => {
      logger.info('text_forms', current.fields);
      if (current.error) throw current.error;
      return { statusCode: 200, body: 'ok' };
    }).use(requestLogging());
    let n = 0;
    let ordinaryChecked = 0;
    const forms = new Set<string>();
    const started = performance.now();

    await fc.assert(
      fc.asyncProperty(
        secretText(),
        fc.constantFrom(...carriers),
        fc.array(ordinaryText(), { minLength: 1, maxLength: 3 }),
        async (secret, carrier, ordinary) => {
          n++;
          out.clear();
          const carried = carry(carrier, secret.text);
          // ordinary texts sit in their own fields: a colon value may run to the end of its line
          ordinary.forEach((item, i) => {
            carried.fields[`detail_${i}`] = item.text;
          });
          current = carried;
          await handler(httpApiEvent({ path: `/orders/${n}` }), lambdaContext(`req-${n}`)).catch(
            () => undefined,
          );

          expectValidLines(out.lines);
          const output = out.lines.join('\n');
          const suffix = secret.value.slice('S3cr3t-'.length);
          if (decodedForms(output).includes(suffix)) {
            throw new Error(
              `${secret.form} via ${carrier} leaked ${JSON.stringify(secret.text)}:\n${output}`,
            );
          }
          forms.add(secret.form);
          ordinaryChecked += ordinary.length;
          for (const item of ordinary) {
            if (!output.includes(item.value)) {
              throw new Error(
                `ordinary ${item.form} text was redacted: ${JSON.stringify(item.text)}:\n${output}`,
              );
            }
          }
        },
      ),
      { numRuns: runs },
    );
    process.stdout.write(
      `secrets in text: ${runs} texts in ${forms.size} forms through ${carriers.length} carriers, ` +
        `${ordinaryChecked} ordinary texts kept, in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  });
});
