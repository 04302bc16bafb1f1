import type { MatchCase } from './types';

// FilterAndPatternSyntax (older revisions): "Matching Terms in Log Events", examples 1 to 4.
const OLD_TERMS = 'FilterAndPatternSyntax (2019-2022): Matching Terms in Log Events';
const FATAL = ['[ERROR] A fatal exception has occurred', 'Exiting with ERRORCODE: -1'];
// FilterAndPatternSyntax (older revisions): "OR Pattern Matching".
const OR_SECTION = 'FilterAndPatternSyntax (2019-2022): OR Pattern Matching';
const OR_EVENTS = ['ERROR WARN message', 'ERROR message', 'WARN message'];
// Current page: "Using filter patterns to match terms in unstructured log events".
const UNSTRUCTURED = 'Filter pattern syntax: matching terms in unstructured log events';
const REQUESTS = [
  '[ERROR 400] BAD REQUEST',
  '[ERROR 401] UNAUTHORIZED REQUEST',
  '[ERROR 419] MISSING ARGUMENTS',
  '[ERROR 420] INVALID ARGUMENTS',
];
// Creating metric filters: "Count occurrences of a term" and "Count log events".
const COUNT_TERM = 'Creating metric filters: Example: Count occurrences of a term';
const COUNT_EVENTS = 'Creating metric filters: Example: Count log events';

export const TERM_CASES: readonly MatchCase[] = [
  { source: OLD_TERMS, pattern: '', events: [...FATAL, ''], matching: [0, 1, 2] },
  { source: OLD_TERMS, pattern: '""', events: FATAL, matching: [0, 1] },
  { source: OLD_TERMS, pattern: 'ERROR', events: [...FATAL, 'error: lower case'], matching: [0, 1] },
  { source: OLD_TERMS, pattern: '"ERROR"', events: FATAL, matching: [0, 1] },
  { source: OLD_TERMS, pattern: '"ERROR" - "Exiting"', events: FATAL, matching: [0] },
  {
    source: OLD_TERMS,
    pattern: 'ERROR Exception',
    events: ['[ERROR] Caught IllegalArgumentException', '[ERROR] Unhandled Exception', '[ERROR] Timeout'],
    matching: [0, 1],
  },
  {
    source: OLD_TERMS,
    pattern: 'Failed to process the request',
    events: [
      '[WARN] Failed to process the request',
      '[ERROR] Unable to continue: Failed to process the request',
      '[WARN] Failed to process',
    ],
    matching: [0, 1],
  },
  { source: OR_SECTION, pattern: 'ERROR', events: OR_EVENTS, matching: [0, 1] },
  { source: OR_SECTION, pattern: '?ERROR ?WARN', events: OR_EVENTS, matching: [0, 1, 2] },
  { source: OR_SECTION, pattern: 'ERROR WARN', events: OR_EVENTS, matching: [0] },
  { source: OR_SECTION, pattern: 'ERROR -WARN', events: OR_EVENTS, matching: [1] },
  { source: UNSTRUCTURED, pattern: 'ERROR', events: REQUESTS, matching: [0, 1, 2, 3] },
  { source: UNSTRUCTURED, pattern: 'ERROR ARGUMENTS', events: REQUESTS, matching: [2, 3] },
  { source: UNSTRUCTURED, pattern: '?ERROR ?ARGUMENTS', events: REQUESTS, matching: [0, 1, 2, 3] },
  {
    source: UNSTRUCTURED,
    pattern: '"INTERNAL SERVER ERROR"',
    events: ['[ERROR 500] INTERNAL SERVER ERROR', ...REQUESTS],
    matching: [0],
  },
  { source: UNSTRUCTURED, pattern: 'ERROR -ARGUMENTS', events: REQUESTS, matching: [0, 1] },
  { source: UNSTRUCTURED, pattern: '" "', events: REQUESTS, matching: [0, 1, 2, 3] },
  {
    source: COUNT_TERM,
    pattern: 'Error',
    events: ['This message contains an Error', 'This message also contains an Error', 'an error'],
    matching: [0, 1],
  },
  {
    source: COUNT_EVENTS,
    pattern: ' ',
    events: ['Test event 1', 'Test event 2', 'This message also contains an Error'],
    matching: [0, 1, 2],
  },
  {
    source: COUNT_EVENTS,
    pattern: '" "',
    events: ['Test event 1', 'Test event 2', 'This message also contains an Error'],
    matching: [0, 1, 2],
  },
];
