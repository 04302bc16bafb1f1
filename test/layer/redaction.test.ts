import { redact } from '@cream/logging';

describe('redact', () => {
  it.each([
    'password',
    'Password',
    'PASSWD',
    'secret',
    'token',
    'access_token',
    'refresh-token',
    'idToken',
    'Authorization',
    'cookie',
    'Set-Cookie',
    'X-Api-Key',
    'api_key',
    'client_secret',
    'newPassword',
    'aws_secret_access_key',
    'X-Amz-Security-Token',
  ])('redacts the value of %s', (key) => {
    expect(redact({ [key]: 'value-1', keep: 'visible' })).toEqual({ [key]: '[REDACTED]', keep: 'visible' });
  });

  it('redacts at any depth and inside arrays', () => {
    expect(
      redact({ a: [{ b: { Token: 't' } }, { credentials: { user: 'u' } }], token_type: 'Bearer' }),
    ).toEqual({
      a: [{ b: { Token: '[REDACTED]' } }, { credentials: '[REDACTED]' }],
      token_type: 'Bearer',
    });
  });

  it('redacts headers, multiValueHeaders and the v2 cookies array of an event', () => {
    const event = {
      headers: { Authorization: 'Bearer abc', Cookie: 'sid=1' },
      multiValueHeaders: { authorization: ['Bearer abc'] },
      cookies: ['sid=1', 'theme=dark'],
    };
    expect(redact(event)).toEqual({
      headers: { Authorization: '[REDACTED]', Cookie: '[REDACTED]' },
      multiValueHeaders: { authorization: '[REDACTED]' },
      cookies: '[REDACTED]',
    });
  });

  it('redacts inside JSON, form-urlencoded and base64 bodies and query strings', () => {
    const form = 'username=jane&password=hunter2';
    const redacted = redact({
      json: '{"user":{"password":"hunter2"},"n":1}',
      form,
      url: 'https://example.com/cb?code=1&access_token=abc#x',
      rawQueryString: 'token=abc&page=2',
      isBase64Encoded: true,
      body: Buffer.from(form).toString('base64'),
    }) as Record<string, string>;

    expect(redacted).toEqual({
      json: '{"user":{"password":"[REDACTED]"},"n":1}',
      form: 'username=jane&password=[REDACTED]',
      url: 'https://example.com/cb?code=1&access_token=[REDACTED]#x',
      rawQueryString: 'token=[REDACTED]&page=2',
      isBase64Encoded: true,
      body: expect.any(String),
    });
    expect(Buffer.from(redacted.body ?? '', 'base64').toString()).toBe('username=jane&password=[REDACTED]');
  });

  it('masks emails anywhere in strings', () => {
    expect(redact({ note: 'mail jane@example.com' })).toEqual({ note: 'mail j***@example.com' });
  });

  it('accepts extra keys by option, matched like the built-in ones', () => {
    expect(redact({ 'Tax-Id': '123', ok: 1 }, { keys: ['tax_id'] })).toEqual({
      'Tax-Id': '[REDACTED]',
      ok: 1,
    });
  });
});
