import { compileFilterPattern } from '../../tools/filter-pattern';
import { extracted, matching } from './helpers';

const ACCESS = '127.0.0.1 Prod frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534';

// The example events of the "Match terms in order" section.
const SERVICE = [
  'INFO 09/25/2014 12:00:00 GET /service/resource/67 1200',
  'INFO 09/25/2014 12:00:01 POST /service/resource/67/part/111 1310',
  'WARNING 09/25/2014 12:00:02 Invalid user request',
  'ERROR 09/25/2014 12:00:02 Failed to process request',
];

const matches = (pattern: string, event: string): boolean =>
  compileFilterPattern(pattern).match(event) !== undefined;

describe('space-delimited patterns', () => {
  it('names every field, treating [..] and ".." as single fields without their delimiters', () => {
    expect(extracted('[ip, user, username, timestamp, request, status_code, bytes]', ACCESS)).toEqual({
      $ip: '127.0.0.1',
      $user: 'Prod',
      $username: 'frank',
      $timestamp: '10/Oct/2000:13:25:15 -0700',
      $request: 'GET /index.html HTTP/1.0',
      $status_code: '404',
      $bytes: '1534',
    });
    expect(compileFilterPattern('[ip, user]').kind).toBe('space-delimited');
  });

  it('matches the documented example with a regex, wildcards and a plain field', () => {
    expect(
      matches(
        '[ip=%127\\.0\\.0\\.[1-9]%, user, username, timestamp, request =*.html*, status_code = 4*, bytes]',
        ACCESS,
      ),
    ).toBe(true);
    expect(
      matches(
        '[ip=%127\\.0\\.0\\.[1-9]%, user, username, timestamp, request =*.html*, status_code = 5*, bytes]',
        ACCESS,
      ),
    ).toBe(false);
  });

  it('skips unknown leading fields with an ellipsis and reports them by position', () => {
    expect(extracted('[..., request=*.html*, status_code=4*,]', ACCESS)).toEqual({
      $1: '127.0.0.1',
      $2: 'Prod',
      $3: 'frank',
      $4: '10/Oct/2000:13:25:15 -0700',
      $request: 'GET /index.html HTTP/1.0',
      $status_code: '404',
      $7: '1534',
    });
    expect(matches('[..., request =*.html*, status_code = 4*, bytes]', ACCESS)).toBe(true);
  });

  it('supports an ellipsis in the middle or at the end', () => {
    expect(extracted('[ip, user, ..., status_code, bytes]', ACCESS)).toMatchObject({
      $ip: '127.0.0.1',
      $status_code: '404',
      $bytes: '1534',
    });
    expect(extracted('[ip, user, ...]', ACCESS)).toMatchObject({
      $ip: '127.0.0.1',
      $user: 'Prod',
      $7: '1534',
    });
  });

  it('combines conditions of a field with || and &&', () => {
    const pattern =
      '[ip, user, username, timestamp, request =*.html*, status_code = 404 || status_code = 410, bytes]';
    expect(matches(pattern, ACCESS)).toBe(true);
    expect(matches(pattern, ACCESS.replace(' 404 ', ' 410 '))).toBe(true);
    expect(matches(pattern, ACCESS.replace(' 404 ', ' 403 '))).toBe(false);
    const excluded =
      '[ip, user, username, timestamp, request, status_code = 4* && status_code != 403, bytes]';
    expect(matches(excluded, ACCESS)).toBe(true);
    expect(matches(excluded, ACCESS.replace(' 404 ', ' 403 '))).toBe(false);
  });

  it('compares numeric fields', () => {
    expect(matches('[ip, user, username, timestamp, request, status_code, bytes > 1000]', ACCESS)).toBe(true);
    expect(matches('[ip, user, username, timestamp, request, status_code, bytes > 2000]', ACCESS)).toBe(
      false,
    );
    expect(matches('[ip, user, username, timestamp, request, status_code = 200, bytes]', ACCESS)).toBe(false);
    expect(matches('[ip, user, username, timestamp, request, status_code >= 4e2, bytes]', ACCESS)).toBe(true);
    expect(matches('[ip, user > 1, ...]', ACCESS)).toBe(false);
  });

  it('matches the first word, the rest of the line falling into the last field', () => {
    expect(matching('[w1=ERROR, w2]', SERVICE)).toEqual([SERVICE[3]]);
    expect(extracted('[w1=ERROR, w2]', SERVICE[3])).toEqual({
      $w1: 'ERROR',
      $w2: '09/25/2014 12:00:02 Failed to process request',
    });
    expect(matching('[w1=ERROR || w1=WARNING, w2]', SERVICE)).toEqual([SERVICE[2], SERVICE[3]]);
    expect(matching('[w1!=ERROR && w1!=WARNING, w2]', SERVICE)).toEqual([SERVICE[0], SERVICE[1]]);
  });

  it('matches the top-level and child items of a resource URI with regex', () => {
    expect(
      matching('[logLevel, date, time, method, url=%/service/resource/[0-9]+$%, response_time]', SERVICE),
    ).toEqual([SERVICE[0]]);
    expect(
      matching(
        '[logLevel, date, time, method, url=%/service/resource/[0-9]+/part/[0-9]+$%, response_time]',
        SERVICE,
      ),
    ).toEqual([SERVICE[1]]);
  });

  it('does not match a line with fewer fields than the pattern', () => {
    expect(matches('[a, b, c]', 'one two')).toBe(false);
    expect(matches('[a, ..., b, c]', 'one two')).toBe(false);
    expect(matches('[a]', '')).toBe(false);
  });

  it('collapses runs of spaces between fields', () => {
    expect(extracted('[a, b]', 'x    y')).toEqual({ $a: 'x', $b: 'y' });
  });

  it('matches the OR examples of the older docs', () => {
    const events = ['ERROR WARN message', 'ERROR message', 'WARN message'];
    expect(matching('[w1=ERROR, w2]', events)).toEqual(events.slice(0, 2));
    expect(matching('[w1=ERROR || w1=WARN, w2]', events)).toEqual(events);
  });
});
