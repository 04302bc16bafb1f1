import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { headerValue } from '../shared/header-value';
import { normalizeEmail } from './email-address';

/** Larger bodies are refused before parsing: a login form is a few hundred bytes, and scrypt cost grows with input. */
export const maxBodyBytes = 8 * 1024;

export interface Credentials {
  /** Normalized (lower-case) email, the table key. */
  readonly email: string;
  readonly password: string;
}

/**
 * Why a request was refused. `field` and `problem` go to the validation_failed record (short, stable codes
 * for alarms and queries); `description` goes to the client. None of them ever contains the password.
 */
export interface CredentialsProblem {
  readonly statusCode: 400 | 413 | 415;
  readonly error: 'invalid_request' | 'unsupported_grant_type';
  readonly field: string;
  readonly problem: string;
  readonly description: string;
  /** The login name as sent, when there was one, so the failed attempt can still be attributed (masked). */
  readonly user?: string;
}

export type ParsedCredentials =
  | { readonly ok: true; readonly credentials: Credentials }
  | { readonly ok: false; readonly problem: CredentialsProblem };

type LoginRequest = Pick<APIGatewayProxyEventV2, 'headers' | 'body' | 'isBase64Encoded'>;

const formType = 'application/x-www-form-urlencoded';
const jsonType = 'application/json';
const supportedTypes = `${formType} or ${jsonType}`;

type Refusal = Extract<ParsedCredentials, { ok: false }>;

const refuse = (problem: CredentialsProblem): Refusal => ({ ok: false, problem });
const badRequest = (field: string, problem: string, description: string, user?: string): Refusal =>
  refuse({ statusCode: 400, error: 'invalid_request', field, problem, description, user });

/** Fields read from either body format; `undefined` when absent, a non-string when JSON sent one. */
interface LoginFields {
  readonly name: unknown;
  readonly nameField: 'email' | 'username';
  readonly password: unknown;
  readonly grantType: unknown;
}

const base64Shape = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

type Decoded = { readonly ok: true; readonly text: string } | Refusal;

/** Decodes the body to text, refusing oversized, non-base64 and non-UTF-8 bodies before anything parses them. */
const decodeBody = (body: string, isBase64Encoded: boolean): Decoded => {
  const tooLarge = refuse({
    statusCode: 413,
    error: 'invalid_request',
    field: 'body',
    problem: 'too_large',
    description: `request body must not exceed ${maxBodyBytes} bytes`,
  });
  if (!isBase64Encoded) {
    return Buffer.byteLength(body, 'utf8') > maxBodyBytes ? tooLarge : { ok: true, text: body };
  }
  // Check the encoded length first so a 6 MB payload is never decoded just to be refused.
  if (body.length > Math.ceil(maxBodyBytes / 3) * 4 + 4) return tooLarge;
  const encoded = body.replace(/\s+/g, '');
  if (encoded.length % 4 === 1 || !base64Shape.test(encoded)) {
    return badRequest(
      'body',
      'invalid_base64',
      'request body is marked base64-encoded but is not valid base64',
    );
  }
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length > maxBodyBytes) return tooLarge;
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return badRequest('body', 'invalid_utf8', 'request body must be UTF-8 text');
  }
};

interface MediaType {
  readonly type: string;
  readonly charset?: string;
}

const parseMediaType = (header: string): MediaType => {
  const [type = '', ...parameters] = header.split(';');
  let charset: string | undefined;
  for (const parameter of parameters) {
    const [key = '', value = ''] = parameter.split('=', 2);
    if (key.trim().toLowerCase() === 'charset')
      charset = value
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase();
  }
  return { type: type.trim().toLowerCase(), charset };
};

const refuseMediaType = (problem: string, description: string): Refusal =>
  refuse({ statusCode: 415, error: 'invalid_request', field: 'content-type', problem, description });

/** OAuth2 (RFC 6749 §3.2) forbids repeating a parameter; silently taking the first would hide client bugs. */
const singleFormValue = (form: URLSearchParams, key: string): string | undefined | 'duplicate' => {
  const values = form.getAll(key);
  if (values.length > 1) return 'duplicate';
  return values[0];
};

const readForm = (text: string): LoginFields | Refusal => {
  const form = new URLSearchParams(text);
  for (const key of ['username', 'password', 'grant_type']) {
    if (singleFormValue(form, key) === 'duplicate') {
      return badRequest(key, 'duplicate', `${key} must be sent only once`);
    }
  }
  return {
    name: form.get('username') ?? undefined,
    nameField: 'username',
    password: form.get('password') ?? undefined,
    grantType: form.get('grant_type') ?? undefined,
  };
};

const readJson = (text: string): LoginFields | Refusal => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return badRequest('body', 'invalid_json', 'request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return badRequest('body', 'not_an_object', 'request body must be a JSON object');
  }
  const body = value as Record<string, unknown>;
  const { email, username } = body;
  if (email !== undefined && username !== undefined && email !== username) {
    return badRequest('email', 'conflicting', 'send either email or username, not two different values');
  }
  return {
    name: email ?? username,
    nameField: email !== undefined || username === undefined ? 'email' : 'username',
    password: body.password,
    grantType: body.grant_type,
  };
};

const isFields = (value: LoginFields | Refusal): value is LoginFields => 'nameField' in value;

/** Checks the fields themselves: presence, type, grant type, email shape. */
const validateFields = ({ name, nameField, password, grantType }: LoginFields): ParsedCredentials => {
  const user = typeof name === 'string' && name !== '' ? name : undefined;
  if (grantType !== undefined && grantType !== 'password') {
    return refuse({
      statusCode: 400,
      error: 'unsupported_grant_type',
      field: 'grant_type',
      problem: 'unsupported',
      description: 'grant_type must be "password" when present',
      user,
    });
  }
  if (name === undefined || name === null || name === '') {
    return badRequest(nameField, 'missing', `${nameField} is required`);
  }
  if (typeof name !== 'string') return badRequest(nameField, 'not_a_string', `${nameField} must be a string`);
  if (password === undefined || password === null || password === '') {
    return badRequest('password', 'missing', 'password is required', user);
  }
  if (typeof password !== 'string') {
    return badRequest('password', 'not_a_string', 'password must be a string', user);
  }
  const email = normalizeEmail(name);
  if (email === undefined) {
    return badRequest(nameField, 'invalid_email', `${nameField} must be an email address`, user);
  }
  return { ok: true, credentials: { email, password } };
};

/**
 * Reads login credentials from an OAuth2 password-grant form or a JSON body. Order of checks: body present,
 * size, encoding, media type, syntax, fields, so each refusal names the first problem a client must fix.
 * Media-type problems are 415 and size 413 (RFC 9110 §15.5.16, §15.5.14): clients and proxies act on those codes.
 */
export const parseCredentials = (request: LoginRequest): ParsedCredentials => {
  if (request.body === undefined || request.body === null || request.body === '') {
    return badRequest('body', 'missing', `request body is required (${supportedTypes})`);
  }
  const decoded = decodeBody(request.body, request.isBase64Encoded === true);
  if (!decoded.ok) return decoded;

  const header = headerValue(request.headers, 'content-type');
  if (header === undefined || header.trim() === '') {
    return refuseMediaType('missing', `content-type header is required (${supportedTypes})`);
  }
  const mediaType = parseMediaType(header);
  if (mediaType.type !== formType && mediaType.type !== jsonType) {
    return refuseMediaType('unsupported', `content-type must be ${supportedTypes}`);
  }
  if (mediaType.charset !== undefined && mediaType.charset !== 'utf-8' && mediaType.charset !== 'utf8') {
    return refuseMediaType('unsupported_charset', 'content-type charset must be utf-8');
  }
  const fields = mediaType.type === formType ? readForm(decoded.text) : readJson(decoded.text);
  return isFields(fields) ? validateFields(fields) : fields;
};
