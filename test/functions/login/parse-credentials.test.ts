import { maxBodyBytes, parseCredentials } from '../../../functions/login/parse-credentials';
import { formBody, type LoginRequest, loginEvent } from '../support/http-events';

const parse = (request: LoginRequest) => parseCredentials(loginEvent(request));
const json = 'application/json';

describe('reading credentials', () => {
  describe('accepts', () => {
    it.each([
      [
        'an OAuth2 password-grant form',
        { body: formBody({ grant_type: 'password', username: 'a@b.io', password: 'pw' }) },
      ],
      ['a form without grant_type', { body: formBody({ username: 'a@b.io', password: 'pw' }) }],
      [
        'a form with scope and client_id',
        { body: formBody({ username: 'a@b.io', password: 'pw', scope: 'x', client_id: 'c' }) },
      ],
      ['JSON with email', { contentType: json, body: JSON.stringify({ email: 'a@b.io', password: 'pw' }) }],
      [
        'JSON with username',
        { contentType: json, body: JSON.stringify({ username: 'a@b.io', password: 'pw' }) },
      ],
      [
        'JSON with equal email and username',
        { contentType: json, body: JSON.stringify({ email: 'a@b.io', username: 'a@b.io', password: 'pw' }) },
      ],
      [
        'a charset parameter',
        {
          contentType: 'application/json; charset=UTF-8',
          body: JSON.stringify({ email: 'a@b.io', password: 'pw' }),
        },
      ],
      [
        'a quoted charset and odd case',
        {
          contentType: 'Application/X-WWW-Form-URLEncoded;Charset="utf-8"',
          body: formBody({ username: 'a@b.io', password: 'pw' }),
        },
      ],
      [
        'a base64 body',
        {
          isBase64Encoded: true,
          body: Buffer.from(formBody({ username: 'a@b.io', password: 'pw' })).toString('base64'),
        },
      ],
      [
        'a Content-Type header in another case',
        { contentType: null, headers: { 'Content-Type': json }, body: '{"email":"a@b.io","password":"pw"}' },
      ],
    ])('%s', (_label, request: LoginRequest) => {
      expect(parse(request)).toEqual({ ok: true, credentials: { email: 'a@b.io', password: 'pw' } });
    });

    it('normalizes the email to the lower-case table key and keeps the password byte for byte', () => {
      const result = parse({ body: formBody({ username: '  Alice@Example.COM ', password: ' p+w d ' }) });

      expect(result).toEqual({ ok: true, credentials: { email: 'alice@example.com', password: ' p+w d ' } });
    });
  });

  describe('refuses, naming the problem', () => {
    it.each([
      ['no body', { body: undefined }, 400, 'body', 'missing', 'request body is required'],
      [
        'no content type',
        { contentType: null, body: 'username=a%40b.io&password=pw' },
        415,
        'content-type',
        'missing',
        'content-type header is required',
      ],
      [
        'text/plain',
        { contentType: 'text/plain', body: 'a@b.io:pw' },
        415,
        'content-type',
        'unsupported',
        'content-type must be',
      ],
      [
        'a latin-1 charset',
        { contentType: 'application/json; charset=iso-8859-1', body: '{}' },
        415,
        'content-type',
        'unsupported_charset',
        'charset must be utf-8',
      ],
      [
        'invalid JSON',
        { contentType: json, body: '{"email":' },
        400,
        'body',
        'invalid_json',
        'not valid JSON',
      ],
      [
        'a JSON array',
        { contentType: json, body: '[]' },
        400,
        'body',
        'not_an_object',
        'must be a JSON object',
      ],
      [
        'JSON null',
        { contentType: json, body: 'null' },
        400,
        'body',
        'not_an_object',
        'must be a JSON object',
      ],
      [
        'a missing email',
        { contentType: json, body: '{"password":"pw"}' },
        400,
        'email',
        'missing',
        'email is required',
      ],
      ['a missing username', { body: 'password=pw' }, 400, 'username', 'missing', 'username is required'],
      [
        'a missing password',
        { body: 'username=a%40b.io' },
        400,
        'password',
        'missing',
        'password is required',
      ],
      [
        'an empty password',
        { body: 'username=a%40b.io&password=' },
        400,
        'password',
        'missing',
        'password is required',
      ],
      [
        'a numeric password',
        { contentType: json, body: '{"email":"a@b.io","password":1234}' },
        400,
        'password',
        'not_a_string',
        'password must be a string',
      ],
      [
        'an object email',
        { contentType: json, body: '{"email":{"$ne":1},"password":"pw"}' },
        400,
        'email',
        'not_a_string',
        'email must be a string',
      ],
      [
        'conflicting email and username',
        { contentType: json, body: '{"email":"a@b.io","username":"c@d.io","password":"pw"}' },
        400,
        'email',
        'conflicting',
        'not two different values',
      ],
      [
        'a username that is not an email',
        { body: 'username=alice&password=pw' },
        400,
        'username',
        'invalid_email',
        'must be an email address',
      ],
      [
        'grant_type client_credentials',
        { body: 'grant_type=client_credentials&username=a%40b.io&password=pw' },
        400,
        'grant_type',
        'unsupported',
        'grant_type must be "password"',
      ],
      [
        'a repeated password',
        { body: 'username=a%40b.io&password=pw&password=pw2' },
        400,
        'password',
        'duplicate',
        'must be sent only once',
      ],
      [
        'invalid base64',
        { isBase64Encoded: true, body: 'not base64!!' },
        400,
        'body',
        'invalid_base64',
        'not valid base64',
      ],
      [
        'a body that is not UTF-8',
        { isBase64Encoded: true, body: Buffer.from([0xff, 0xfe, 0x3d]).toString('base64') },
        400,
        'body',
        'invalid_utf8',
        'must be UTF-8',
      ],
      [
        'an oversized body',
        { body: `username=a%40b.io&password=${'x'.repeat(maxBodyBytes)}` },
        413,
        'body',
        'too_large',
        `must not exceed ${maxBodyBytes} bytes`,
      ],
      [
        'an oversized base64 body',
        { isBase64Encoded: true, body: Buffer.alloc(maxBodyBytes + 1, 0x61).toString('base64') },
        413,
        'body',
        'too_large',
        'must not exceed',
      ],
    ])('%s', (_label, request: LoginRequest, statusCode, field, problem, description) => {
      const result = parse(request);

      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problem).toMatchObject({ statusCode, field, problem });
      expect(result.problem.description).toContain(description);
    });

    it('never puts the password in the problem', () => {
      const secret = 'hunter2-secret';
      const requests: LoginRequest[] = [
        { contentType: json, body: JSON.stringify({ email: 'nope', password: secret }) },
        { body: formBody({ username: 'a@b.io', password: secret, grant_type: 'implicit' }) },
        { body: `username=a%40b.io&password=${secret}&password=${secret}` },
        { contentType: 'text/plain', body: secret },
      ];

      for (const request of requests) {
        expect(JSON.stringify(parse(request))).not.toContain(secret);
      }
    });

    it('keeps the login name of a refused request so the attempt can be attributed', () => {
      const result = parse({ body: 'username=Alice%40Example.com' });

      expect(result).toMatchObject({ ok: false, problem: { field: 'password', user: 'Alice@Example.com' } });
    });
  });
});
