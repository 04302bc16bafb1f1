import {
  anyOf,
  atLeast,
  categoryPattern,
  eitherPattern,
  eventPattern,
  levelPattern,
  not,
  present,
  withKeyPresent,
} from '../../lib/filter-patterns';
import { compileFilterPattern } from '../../tools/filter-pattern';

describe('filter patterns built from the catalog', () => {
  it('matches one event by name alone', () => {
    expect(eventPattern('request_timeout')).toBe('{ $.message = "request_timeout" }');
  });

  it('adds field conditions in the order given, each parenthesised', () => {
    expect(eventPattern('login_attempt', { outcome: 'failure' })).toBe(
      '{ ($.message = "login_attempt") && ($.outcome = "failure") }',
    );
    expect(eventPattern('system_event', { event: 'health_check', status: not('healthy') })).toBe(
      '{ ($.message = "system_event") && ($.event = "health_check") && ($.status != "healthy") }',
    );
  });

  it('matches either of several patterns', () => {
    expect(
      eitherPattern(
        eventPattern('request_completed', { status_code: atLeast(500) }),
        eventPattern('request_failed'),
      ),
    ).toBe(
      '{ (($.message = "request_completed") && ($.status_code >= 500)) || ($.message = "request_failed") }',
    );
  });

  it('selects a field with any value, as metric values and dimensions require', () => {
    expect(eventPattern('login_attempt', { outcome: present })).toBe(
      '{ ($.message = "login_attempt") && ($.outcome = *) }',
    );
  });

  it('matches a whole category', () => {
    expect(categoryPattern('security')).toBe('{ $.category = "security" }');
  });

  it('matches any of several values of one field', () => {
    const pattern = eventPattern('login_attempt', { reason: anyOf('bad_password', 'unknown_user') });
    expect(pattern).toBe(
      '{ ($.message = "login_attempt") && (($.reason = "bad_password") || ($.reason = "unknown_user")) }',
    );
    const compiled = compileFilterPattern(pattern);
    const attempt = (reason: string) => JSON.stringify({ message: 'login_attempt', reason });
    expect(compiled.match(attempt('unknown_user'))).toBeDefined();
    expect(compiled.match(attempt('invalid_input'))).toBeUndefined();
  });

  it('matches one level, and requires a record key around another pattern', () => {
    expect(levelPattern('ERROR')).toBe('{ $.level = "ERROR" }');
    const pattern = withKeyPresent(
      'service',
      eitherPattern(eventPattern('request_failed'), eventPattern('request_timeout')),
    );
    expect(pattern).toBe(
      '{ ($.service = *) && (($.message = "request_failed") || ($.message = "request_timeout")) }',
    );
    const compiled = compileFilterPattern(pattern);
    expect(compiled.match('{"service":"login","message":"request_timeout"}')).toBeDefined();
    expect(compiled.match('{"message":"request_timeout"}')).toBeUndefined();
  });

  it('rejects events, fields and values the catalog does not have, at compile time', () => {
    // @ts-expect-error: not an event of the catalog
    eventPattern('login_attempted');
    // @ts-expect-error: login_attempt has no field `status`
    eventPattern('login_attempt', { status: 'failure' });
    // @ts-expect-error: outcome is 'success' | 'failure'
    eventPattern('login_attempt', { outcome: 'failed' });
    // @ts-expect-error: status_code is a number
    eventPattern('request_completed', { status_code: '500' });
    // @ts-expect-error: no such reason
    eventPattern('login_attempt', { reason: anyOf('bad_password', 'guessed') });
    expect(true).toBe(true);
  });
});
