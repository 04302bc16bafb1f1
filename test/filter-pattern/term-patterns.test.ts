import { compileFilterPattern } from '../../tools/filter-pattern';
import { matching } from './helpers';

// The example events of "Using filter patterns to match terms in unstructured log events".
const EVENTS = [
  '[ERROR 400] BAD REQUEST',
  '[ERROR 401] UNAUTHORIZED REQUEST',
  '[ERROR 419] MISSING ARGUMENTS',
  '[ERROR 420] INVALID ARGUMENTS',
];

describe('term patterns', () => {
  it('matches every event that contains a single term', () => {
    expect(matching('ERROR', EVENTS)).toEqual(EVENTS);
    expect(compileFilterPattern('ERROR').kind).toBe('term');
  });

  it('requires all of several terms', () => {
    expect(matching('ERROR ARGUMENTS', EVENTS)).toEqual([EVENTS[2], EVENTS[3]]);
  });

  it('matches any of the question-mark terms', () => {
    expect(matching('?ERROR ?ARGUMENTS', EVENTS)).toEqual(EVENTS);
    expect(matching('?ARGUMENTS ?BAD', EVENTS)).toEqual([EVENTS[0], EVENTS[2], EVENTS[3]]);
  });

  it('ignores question-mark terms combined with other terms', () => {
    const events = [
      '[INFO] REQUEST FAILED',
      '[WARN] UNAUTHORIZED REQUEST',
      '[ERROR] 400 BAD REQUEST',
      '[ERROR] TIMEOUT',
    ];
    expect(matching('?ERROR ?ARGUMENTS REQUEST', events)).toEqual(events.slice(0, 3));
  });

  it('matches an exact phrase in double quotes', () => {
    const events = ['[ERROR 500] INTERNAL SERVER ERROR', '[ERROR 500] INTERNAL ERROR SERVER'];
    expect(matching('"INTERNAL SERVER ERROR"', events)).toEqual([events[0]]);
  });

  it('excludes events that contain a minus term', () => {
    expect(matching('ERROR -ARGUMENTS', EVENTS)).toEqual([EVENTS[0], EVENTS[1]]);
  });

  it('accepts the older documented form with a space after the minus', () => {
    const events = ['[ERROR] A fatal exception has occurred', 'Exiting with ERRORCODE: -1'];
    expect(matching('"ERROR" - "Exiting"', events)).toEqual([events[0]]);
  });

  it('matches terms inside longer words, as the docs show with ERRORCODE', () => {
    const events = ['[ERROR] A fatal exception has occurred', 'Exiting with ERRORCODE: -1', 'all good'];
    expect(matching('ERROR', events)).toEqual(events.slice(0, 2));
  });

  it('ANDs the words of an unquoted phrase, whatever their order', () => {
    const events = [
      '[WARN] Failed to process the request',
      '[ERROR] Unable to continue: Failed to process the request',
      'the request failed to process',
    ];
    expect(matching('Failed to process the request', events)).toEqual(events.slice(0, 2));
  });

  it('is case sensitive', () => {
    expect(matching('error', EVENTS)).toEqual([]);
  });

  it('matches everything with an empty pattern or a quoted blank', () => {
    expect(matching('', EVENTS)).toEqual(EVENTS);
    expect(compileFilterPattern('').kind).toBe('empty');
    expect(compileFilterPattern('   ').kind).toBe('empty');
    expect(matching('" "', [...EVENTS, 'nospace'])).toEqual([...EVENTS, 'nospace']);
  });

  it('matches events without the term for a pattern made only of an exclusion', () => {
    expect(matching('-ERROR', ['ERROR here', 'fine'])).toEqual(['fine']);
  });

  it('matches terms with special characters when they are quoted', () => {
    expect(matching('"user@example.com" "[ERROR"', ['[ERROR] user@example.com', 'user@example.com'])).toEqual(
      ['[ERROR] user@example.com'],
    );
  });

  it('supports escaped quotes inside a quoted term', () => {
    expect(matching('"say \\"hi\\""', ['they say "hi"', 'they say hi'])).toEqual(['they say "hi"']);
  });
});
