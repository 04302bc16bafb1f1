import {
  atLeast,
  categoryPattern,
  eitherPattern,
  eventPattern,
  not,
  present,
} from '../../lib/filter-patterns';

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

  it('rejects events, fields and values the catalog does not have, at compile time', () => {
    // @ts-expect-error: not an event of the catalog
    eventPattern('login_attempted');
    // @ts-expect-error: login_attempt has no field `status`
    eventPattern('login_attempt', { status: 'failure' });
    // @ts-expect-error: outcome is 'success' | 'failure'
    eventPattern('login_attempt', { outcome: 'failed' });
    // @ts-expect-error: status_code is a number
    eventPattern('request_completed', { status_code: '500' });
    expect(true).toBe(true);
  });
});
