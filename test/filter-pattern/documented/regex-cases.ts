import type { MatchCase, RejectionCase } from './types';

// Current page: "Supported regular expressions (regex) syntax" and its "Usage of supported operators".
const REGEX = 'Filter pattern syntax: Supported regular expressions (regex) syntax';
const OPERATORS = 'Filter pattern syntax: Usage of supported operators';
const QUOTAS = 'Filter pattern syntax: regex Quotas (2 regex per delimited or JSON pattern)';

export const REGEX_CASES: readonly MatchCase[] = [
  {
    source: REGEX,
    pattern: '%AUTHORIZED%',
    events: [
      '[ERROR 401] UNAUTHORIZED REQUEST',
      '[SUCCESS 200] AUTHORIZED REQUEST',
      '[ERROR 400] BAD REQUEST',
    ],
    matching: [0, 1],
  },
  {
    source: REGEX,
    pattern: '%\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}%',
    events: ['from 192.168.0.1 port 22', 'from host.example port 22'],
    matching: [0],
  },
  {
    source: REGEX,
    pattern: '%[Ee]rror|[Ff]ail%',
    events: ['Error', 'error', 'Fail', 'fail', 'ok'],
    matching: [0, 1, 2, 3],
  },
  { source: OPERATORS, pattern: '%^[hc]at%', events: ['hat', 'cat', 'that'], matching: [0, 1] },
  { source: OPERATORS, pattern: '%[hc]at$%', events: ['hat', 'cat', 'cats'], matching: [0, 1] },
  { source: OPERATORS, pattern: '%colou?r%', events: ['color', 'colour', 'colouur'], matching: [0, 1] },
  { source: OPERATORS, pattern: '%[abc]%', events: ['a', 'b', 'c', 'd'], matching: [0, 1, 2] },
  { source: OPERATORS, pattern: '%[a-z]%', events: ['q', 'Q'], matching: [0] },
  {
    source: OPERATORS,
    pattern: '%[abcx-z]%',
    events: ['a', 'b', 'c', 'x', 'y', 'z', 'm'],
    matching: [0, 1, 2, 3, 4, 5],
  },
  { source: OPERATORS, pattern: '%a{3,5}%', events: ['aaa', 'aaaa', 'aaaaa', 'aa'], matching: [0, 1, 2] },
  { source: OPERATORS, pattern: '%\\x3A%', events: ['a:b', 'ab'], matching: [0] },
  { source: OPERATORS, pattern: '%\\x28%', events: ['f(x)', 'fx'], matching: [0] },
];

export const REGEX_REJECTIONS: readonly RejectionCase[] = [
  // "%something!% would be rejected since '!' is not supported."
  { source: REGEX, pattern: '%something!%' },
  // "The ( and ) operators are not supported."
  { source: REGEX, pattern: '%(ab)+%' },
  // "Multi-byte characters are not supported."
  { source: REGEX, pattern: '%café%' },
  { source: QUOTAS, pattern: '{ $.a = %a% || $.b = %b% || $.c = %c% }' },
  { source: QUOTAS, pattern: '[w1 = %a%, w2 = %b%, w3 = %c%]' },
];
