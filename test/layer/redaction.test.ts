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

describe('the secret key policy', () => {
  it.each([
    // passwords in short and long forms
    'pass_phrase',
    'passPhrase',
    'pass-code',
    'pw',
    'db_pw',
    'user_pass',
    'mot_de_passe',
    // PINs and one-time codes
    'pin',
    'card_pin',
    'otp',
    'totp',
    'email_otp',
    'otp_code',
    'mfa_code',
    'one_time_code',
    'verification_code',
    // card data and national ids
    'card_number',
    'creditCardNumber',
    'cvv',
    'CVV2',
    'cvc',
    'card_cvc2',
    'security_code',
    'ssn',
    'social_security_number',
    'national_id',
    'national_identification_number',
    'national_insurance_number',
    'passport_number',
    // session identifiers, framework session cookies
    'session_id',
    'connect.sid',
    'JSESSIONID',
    'PHPSESSID',
    'laravel_session',
    '_session_id',
    '_myapp_session',
    'ASP.NET_SessionId',
    'sid',
    // JWT, bearer, credentials, assertions, SAML, OIDC data
    'jwt',
    'bearer',
    'bearer_token',
    'credential',
    'client_assertion',
    'SAMLResponse',
    'x-amzn-oidc-data',
    'x-amzn-oidc-accesstoken',
    'x-csrf-token',
    // signatures, presigned-URL parameters
    'signature',
    'X-Amz-Signature',
    'X-Amz-Credential',
    'X-Goog-Signature',
    'x-hub-signature-256',
    'Signature',
    'sig',
    // signing, encryption and master keys
    'signing_key',
    'encryptionKey',
    'master-key',
    'hmac_key',
    'private_key',
    'secret_key',
    // connection strings, DSNs, database URLs
    'connection_string',
    'ConnectionString',
    'dsn',
    'sentry_dsn',
    'DATABASE_URL',
    'mongo_uri',
    'redis_url',
    // API-gateway subscription keys
    'Ocp-Apim-Subscription-Key',
    'subscription_key',
    'x-api-key',
    'code_verifier',
  ])('redacts the value of %s', (key) => {
    expect(redact({ [key]: 'value-1', keep: 'visible' })).toEqual({ [key]: '[REDACTED]', keep: 'visible' });
  });

  it.each([
    ['case', 'PASSWORD'],
    ['a dot separator', 'pass.word'],
    ['a space separator', 'pass word'],
    ['fullwidth letters (NFKC)', 'ｐａｓｓｗｏｒｄ'],
    ['a zero-width space', 'pass\u200Bword'],
    ['a soft hyphen', 'pass\u00ADword'],
    ['a word joiner', 'pass\u2060word'],
    ['a byte order mark', '\uFEFFpassword'],
    ['a zero-width joiner and a ligature', 'api\u200Dkey'],
  ])('normalises %s before matching', (_how, key) => {
    expect(redact({ [key]: 'hunter2' })).toEqual({ [key]: '[REDACTED]' });
  });

  it.each([
    ['key', 'photos/cat.jpg'],
    ['code', 'E_TIMEOUT'],
    ['tokens', 1280],
    ['status_code', 500],
    ['token_type', 'Bearer'],
    ['expires_in', 3600],
    ['error_code', 'E42'],
    ['keyword', 'shoes'],
    ['monkey', 'bonobo'],
    ['signature_version', '4'],
    ['SignatureMethod', 'HmacSHA256'],
    ['authorization_endpoint', 'https://idp.example.com/authorize'],
    ['password_policy', 'min-12'],
    ['secret_name', 'prod/db'],
    ['max_tokens', 512],
    ['bypass', 'cache'],
    ['spin', 'left'],
    ['zip_code', '75001'],
  ])('keeps the ordinary field %s readable', (key, value) => {
    expect(redact({ [key]: value })).toEqual({ [key]: value });
  });

  it('judges a value by its kind: no boolean is secret, a number under a setting is a setting', () => {
    expect(
      redact({
        password: 123456,
        pin: 1234,
        otp_enabled: true,
        has_password: false,
        old_password: null,
        password_min_length: 12,
        cookie_max_age: 3600,
        session_ttl: 900,
        token_expires_in: 300,
      }),
    ).toEqual({
      password: '[REDACTED]',
      pin: '[REDACTED]',
      otp_enabled: true,
      has_password: false,
      old_password: null,
      password_min_length: 12,
      cookie_max_age: 3600,
      session_ttl: 900,
      token_expires_in: 300,
    });
    // a string under a setting's name is still hidden: only numbers are taken for lengths and durations
    expect(redact({ password_min_length: '12' })).toEqual({ password_min_length: '[REDACTED]' });
  });

  it('walks a session object (its own secret keys redacted) but hides a session string', () => {
    expect(
      redact({ session: { user: 'u-1', token: 'tok-1', expires_in: 60 }, other: { session: 'abc123' } }),
    ).toEqual({
      session: { user: 'u-1', token: '[REDACTED]', expires_in: 60 },
      other: { session: '[REDACTED]' },
    });
  });

  it('keeps the claims an authorizer passes under jwt, hides a jwt string', () => {
    const claims = { sub: 'u-1', scope: 'orders:read' };
    expect(redact({ authorizer: { jwt: { claims } }, jwt: 'opaque-token' })).toEqual({
      authorizer: { jwt: { claims } },
      jwt: '[REDACTED]',
    });
  });

  it('redacts name/value pairs by their name, CloudFormation parameters included', () => {
    expect(
      redact([
        { name: 'DB_PASSWORD', value: 'p-1' },
        { Name: 'LOG_LEVEL', Value: 'INFO' },
        { key: 'Authorization', value: 'Bearer x' },
        { ParameterKey: 'MasterKey', ParameterValue: 'k-1' },
      ]),
    ).toEqual([
      { name: 'DB_PASSWORD', value: '[REDACTED]' },
      { Name: 'LOG_LEVEL', Value: 'INFO' },
      { key: 'Authorization', value: '[REDACTED]' },
      { ParameterKey: 'MasterKey', ParameterValue: '[REDACTED]' },
    ]);
  });

  it('redacts the item after a secret flag in an argv list', () => {
    expect(redact({ argv: ['node', 'cli.js', '--password', 'hunter2', '--user', 'bob'] })).toEqual({
      argv: ['node', 'cli.js', '--password', '[REDACTED]', '--user', 'bob'],
    });
    expect(redact('["--db-password","hunter2","--verbose"]')).toBe(
      '["--db-password","[REDACTED]","--verbose"]',
    );
  });

  it('keeps a __proto__ key of a parsed body as data, never as the prototype of the record', () => {
    const parsed = JSON.parse('{"__proto__":{"level":"FORGED","password":"p-1"},"ok":1}') as object;
    const redacted = redact(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
    expect(JSON.stringify(redacted)).toBe('{"__proto__":{"level":"FORGED","password":"[REDACTED]"},"ok":1}');
    expect(redact('{"__proto__":{"password":"p-1"}}')).toBe('{"__proto__":{"password":"[REDACTED]"}}');
  });
});
