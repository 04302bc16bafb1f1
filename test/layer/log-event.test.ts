import { logEvent, logger, maskEmail, recordKeys, setLogSink } from '@cream/logging';
import { captureLines } from './helpers';

describe('logEvent writes the record contract', () => {
  afterEach(() => setLogSink(undefined));

  it('writes one flat record with the contract keys first, then the fields', () => {
    // Prepare
    const out = captureLines();

    // Act
    logEvent('login_attempt', { outcome: 'failure', reason: 'bad_password', user: 'jane.doe@example.com' });

    // Assess
    const [record] = out.records();
    expect(out.lines).toHaveLength(1);
    expect(record).toEqual({
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      level: 'INFO',
      service: 'service_undefined',
      message: 'login_attempt',
      category: 'security',
      outcome: 'failure',
      reason: 'bad_password',
      user: 'j***@example.com',
    });
    expect(Object.keys(record ?? {}).slice(0, 5)).toEqual([
      recordKeys.timestamp,
      recordKeys.level,
      recordKeys.service,
      recordKeys.message,
      recordKeys.category,
    ]);
  });

  it('takes the level from the catalog unless overridden', () => {
    const out = captureLines();

    logEvent('access_denied', { reason: 'no_role' });
    logEvent('user_action', { action: 'export' }, { level: 'WARN' });

    expect(out.records().map((record) => record.level)).toEqual(['WARN', 'WARN']);
  });

  it('does not write DEBUG events at the default INFO level', () => {
    const out = captureLines();

    logEvent('db_query', {
      aws_service: 'DynamoDB',
      operation: 'GetItem',
      duration_ms: 1,
      outcome: 'success',
    });

    expect(out.lines).toEqual([]);
  });

  it('serializes an error with its cause chain', () => {
    const out = captureLines();
    const cause = new TypeError('socket hang up');
    const error = new Error('profile lookup failed', { cause });

    logEvent('validation_failed', { field: 'email', problem: 'missing' }, { error });

    expect(out.records()[0]?.error).toEqual({
      name: 'Error',
      message: 'profile lookup failed',
      stack: expect.stringContaining('profile lookup failed'),
      cause: { name: 'TypeError', message: 'socket hang up', stack: expect.any(String) },
    });
  });

  it('keeps the SDK service name (aws_service) apart from the record service key', () => {
    const out = captureLines();

    logEvent(
      'db_query',
      { aws_service: 'DynamoDB', operation: 'Query', duration_ms: 900, outcome: 'success' },
      { level: 'INFO' },
    );

    expect(out.records()[0]).toMatchObject({
      service: 'service_undefined',
      aws_service: 'DynamoDB',
      operation: 'Query',
    });
  });

  it('carries keys appended to the logger, and the logger writes through the same formatter', () => {
    const out = captureLines();
    logger.appendKeys({ tenant: 'acme' });

    logger.info('free_text', { password: 'hunter2' });
    logger.resetKeys();

    expect(out.records()[0]).toEqual({
      timestamp: expect.any(String),
      level: 'INFO',
      service: 'service_undefined',
      message: 'free_text',
      tenant: 'acme',
      password: '[REDACTED]',
    });
  });
});

describe('maskEmail', () => {
  it('keeps the first character and the domain', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j***@example.com');
    expect(maskEmail('contact jane@example.com or bob@corp.example.org')).toBe(
      'contact j***@example.com or b***@corp.example.org',
    );
  });
});
