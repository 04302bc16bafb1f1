import { maskEmail, redact } from '@cream/logging';

/** Redacts `text` as a logged string field would be. */
const text = (value: string): unknown => redact(value);

describe('secrets inside text', () => {
  it.each([
    ['key=value; ', 'login failed password=hunter2; user=bob', 'login failed password=[REDACTED]; user=bob'],
    ['key=value, ', 'password=hunter2, user=bob', 'password=[REDACTED], user=bob'],
    ['key=value and a blank', 'retry with token=abc123 now', 'retry with token=[REDACTED] now'],
    ['key=value#', 'secret=abc#frag', 'secret=[REDACTED]#frag'],
    ['key = value', 'password = hunter2 user = bob', 'password = [REDACTED] user = bob'],
    ['key: value', 'password: hunter2, user: bob', 'password: [REDACTED], user: bob'],
    ['a phrase key', 'pass phrase: correct horse battery staple', 'pass phrase: [REDACTED]'],
    ['a number under a card key', 'card number: 4111111111111111', 'card number: [REDACTED]'],
    [
      'a query',
      'GET /cb?code=1&access_token=abc HTTP/1.1',
      'GET /cb?code=1&access_token=[REDACTED] HTTP/1.1',
    ],
    [
      'a matrix parameter (to the next blank: text has no segments)',
      'GET /shop;jsessionid=0A1B2C/cart 200',
      'GET /shop;jsessionid=[REDACTED] 200',
    ],
    [
      'a bracketed form key',
      'user[password]=hunter2&user[name]=bob',
      'user[password]=[REDACTED]&user[name]=bob',
    ],
    ['an env line', 'export AWS_SECRET_ACCESS_KEY=wJalr/K7MDENG', 'export AWS_SECRET_ACCESS_KEY=[REDACTED]'],
    ['a fullwidth pair', 'ｐａｓｓｗｏｒｄ＝hunter2', 'password=[REDACTED]'],
    ['an invisible character in the key', 'pass\u200Bword=hunter2', 'password=[REDACTED]'],
    ['a percent-encoded pair', 'next=%2Freset%3Ftoken%3Dabc123', 'next=/reset?token=[REDACTED]'],
    ['a double-encoded pair', 'next=%252Freset%253Ftoken%253Dabc123', 'next=/reset?token=[REDACTED]'],
  ])('redacts %s', (_form, input, expected) => {
    expect(text(input)).toBe(expected);
  });

  it.each([
    [
      'after leading text',
      'failed: {"user":"bob","password":"hunter2"}',
      'failed: {"user":"bob","password":"[REDACTED]"}',
    ],
    [
      'escaped inside a string',
      'body="{\\"password\\":\\"hunter2\\",\\"n\\":1}"',
      'body="{\\"password\\":\\"[REDACTED]\\",\\"n\\":1}"',
    ],
    [
      'with an object value',
      'got {"credentials":{"user":"u","key":"k"},"ok":1}',
      'got {"credentials":"[REDACTED]","ok":1}',
    ],
    ['cut short', 'failed: {"password":"hunter2', 'failed: {"password":"[REDACTED]'],
    ['as a number', 'failed: {"pin":1234}', 'failed: {"pin":[REDACTED]}'],
  ])('redacts a JSON fragment %s', (_how, input, expected) => {
    expect(text(input)).toBe(expected);
  });

  it.each([
    [
      'URL user-info',
      'connect postgres://admin:hunter2@db:5432/app',
      'connect postgres://admin:[REDACTED]@db:5432/app',
    ],
    [
      'a token as user-info',
      'clone https://ghp_0123456789abcdefghij@github.com/o/r',
      'clone https://[REDACTED]@github.com/o/r',
    ],
    [
      'an Authorization header line',
      'Authorization: Bearer abc.def\nHost: x',
      'Authorization: [REDACTED]\nHost: x',
    ],
    [
      'a Cookie header line',
      'Cookie: theme=dark; tracking=abc\nAccept: */*',
      'Cookie: [REDACTED]\nAccept: */*',
    ],
    ['a Bearer token anywhere', 'sent Bearer abc123def456 upstream', 'sent Bearer [REDACTED] upstream'],
    ['Basic credentials', 'header Basic dXNlcjpodW50ZXIy, ok', 'header Basic [REDACTED], ok'],
    ['a flag and its value', 'mysql --password hunter2 --user bob', 'mysql --password [REDACTED] --user bob'],
    ['a flag=value', 'mysql --password=hunter2 --user bob', 'mysql --password=[REDACTED] --user bob'],
    ['argv as JSON text', 'argv: ["--api-key", "k-123", "-v"]', 'argv: ["--api-key", "[REDACTED]", "-v"]'],
    ['a JWT anywhere', 'id eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln-_x end', 'id [REDACTED] end'],
  ])('redacts %s', (_form, input, expected) => {
    expect(text(input)).toBe(expected);
  });

  it.each([
    'the bearer of bad news: Basic auth is disabled',
    'token_type=Bearer expires_in=3600 tokens: 1200 status_code: 500',
    'error code: E42, key: photos/cat.jpg, keyword: shoes, monkey: yes',
    'at Object.<anonymous> (/var/task/index.js:10:5)',
    'Error: connect ECONNREFUSED 127.0.0.1:5432',
    'GET https://api.example.com/orders?page=2&sort=desc HTTP/1.1',
    'signature_version=4 SignatureMethod=HmacSHA256',
    '--region eu-west-1 --profile prod',
    'eyJ is how base64 JSON starts',
  ])('leaves ordinary text readable: %s', (input) => {
    expect(text(input)).toBe(input);
  });

  it('redacts the input V8 quotes in a JSON.parse error (Node 20+)', () => {
    const messageOf = (input: string): string => {
      try {
        JSON.parse(input);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('parsed');
    };
    for (const input of ['hunter2', 'password=hunter2', '{"a": hunter2}', `${'x'.repeat(40)}hunter2`]) {
      const redacted = String(text(`body rejected: ${messageOf(input)}`));
      expect(redacted).toContain('is not valid JSON');
      expect(redacted).not.toMatch(/hunter|xxxx/);
    }
    expect(text('Unexpected token h in JSON at position 0')).toBe(
      'Unexpected token [REDACTED] in JSON at position 0',
    );
  });
});

describe('email masking', () => {
  it.each([
    ['jane.doe@example.com', 'j***@example.com'],
    ["o'brien@example.ie", 'o***@example.ie'],
    ['jane.doe+newsletter@example.co.uk', 'j***@example.co.uk'],
    ['admin@intranet', 'a***@intranet'],
    ['mail to jane@example.com.', 'mail to j***@example.com.'],
    ['ÉLODIE@exemple.fr', 'É***@exemple.fr'],
  ])('masks %s whole', (input, expected) => {
    expect(maskEmail(input)).toBe(expected);
    expect(text(input)).toBe(expected);
  });

  it.each([
    ['jane%40example.com', 'j***%40example.com'],
    ['jane.doe%2Btag%40example.com', 'j***%40example.com'],
  ])(
    'masks the percent-encoded %s (text rules show the decoded form once they redact)',
    (input, expected) => {
      expect(maskEmail(input)).toBe(expected);
      expect(text(input)).toBe('j***@example.com');
    },
  );

  it.each(['lodash@4.17.21', 'node@24', '@cream/logging', 'a***@example.com'])(
    'leaves %s as it is',
    (input) => {
      expect(maskEmail(input)).toBe(input);
    },
  );
});

describe('text redaction stays linear on hostile input', () => {
  // Each input would take minutes with a regex that rescans from every position (200 KB squared); linear rules
  // take milliseconds. The ceiling is generous on purpose: this is no timing test, it catches quadratic blow-ups.
  const size = 200_000;
  it.each([
    ['letters', 'a'.repeat(size)],
    ['key characters', 'a-b.c_'.repeat(size / 6)],
    ['a key with no separator after it', `${'x'.repeat(size)}password`],
    ['separators', '=:'.repeat(size / 2)],
    ['flags', '--a'.repeat(size / 3)],
    ['eyJ', 'eyJ'.repeat(size / 3)],
    ['scheme-like text', 'a+b.c'.repeat(size / 5)],
    ['an unterminated quote after a key', `password: "${'a'.repeat(size)}`],
    ['email-like text', 'a.b+c'.repeat(size / 5)],
    ['at signs', 'a@b'.repeat(size / 3)],
    ['percent escapes', '%41'.repeat(size / 3)],
    ['non-ASCII text', 'ｐ\u200B'.repeat(size / 2)],
    ['bearer words', 'bearer '.repeat(size / 7)],
  ])(
    '%s (200 KB)',
    (_kind, input) => {
      const started = performance.now();
      const redacted = text(input);
      expect(typeof redacted).toBe('string');
      expect(performance.now() - started).toBeLessThan(5_000);
    },
    30_000,
  );
});
