import type { MatchCase } from './types';

// FilterAndPatternSyntax: "JSON Metric Filter Examples" (the example object, on one line).
const EXAMPLES = 'FilterAndPatternSyntax: Matching Terms in JSON Log Events, JSON Metric Filter Examples';
const TRAIL = JSON.stringify({
  eventType: 'UpdateTrail',
  sourceIPAddress: '111.111.111.111',
  arrayKey: ['value', 'another value'],
  objectList: [
    { name: 'a', id: 1 },
    { name: 'b', id: 2 },
  ],
  SomeObject: null,
  ThisFlag: true,
});
// FilterAndPatternSyntax: "JSON Compound Conditions".
const COMPOUND = 'FilterAndPatternSyntax: JSON Compound Conditions';
const USERS = JSON.stringify({
  user: { id: 1, email: 'John.Stiles@example.com' },
  users: [
    { id: 2, email: 'John.Doe@example.com' },
    { id: 3, email: 'Jane.Doe@example.com' },
  ],
  actions: ['GET', 'PUT', 'DELETE'],
  coordinates: [
    [0, 1, 2],
    [4, 5, 6],
    [7, 8, 9],
  ],
});
const SPECIAL = 'FilterAndPatternSyntax: JSON Special Considerations';
const OR_SECTION = 'FilterAndPatternSyntax (2019-2022): OR Pattern Matching, JSON filters';
const FOO = ['{"foo": "bar"}', '{"foo": "baz"}'];
const STRING = 'FilterAndPatternSyntax: Matching JSON Terms Using Metric Filters (STRING wildcards)';
const NUMERIC = 'FilterAndPatternSyntax: Numeric Comparisons';
const PUBLISH = 'FilterAndPatternSyntax: Publishing Numerical Values Found in Log Entries';

const one = (source: string, pattern: string, event: string, matches: boolean): MatchCase => ({
  source,
  pattern,
  events: [event],
  matching: matches ? [0] : [],
});

export const JSON_CASES: readonly MatchCase[] = [
  one(EXAMPLES, '{ $.eventType = "UpdateTrail" }', TRAIL, true),
  one(EXAMPLES, '{ $.sourceIPAddress != 123.123.* }', TRAIL, true),
  one(EXAMPLES, '{ $.arrayKey[0] = "value" }', TRAIL, true),
  // "If arrayKey is not an array this will be false."
  one(EXAMPLES, '{ $.arrayKey[0] = "value" }', '{"arrayKey":"value"}', false),
  one(EXAMPLES, '{ $.objectList[1].id = 2 }', TRAIL, true),
  // "If the items in objectList are not objects or do not have an id property, this will be false."
  one(EXAMPLES, '{ $.objectList[1].id = 2 }', '{"objectList":[1,2]}', false),
  one(EXAMPLES, '{ $.objectList[1].id = 2 }', '{"objectList":[{"id":2},{"name":"b"}]}', false),
  one(EXAMPLES, '{ $.SomeObject IS NULL }', TRAIL, true),
  // "This will only be true is the specified object is set to null."
  one(EXAMPLES, '{ $.SomeOtherObject IS NULL }', TRAIL, false),
  one(EXAMPLES, '{ $.SomeOtherObject NOT EXISTS }', TRAIL, true),
  one(EXAMPLES, '{ $.SomeObject NOT EXISTS }', TRAIL, false),
  one(EXAMPLES, '{ $.ThisFlag IS TRUE }', TRAIL, true),
  one(EXAMPLES, '{ $.ThisFlag IS FALSE }', TRAIL, false),
  one(EXAMPLES, '{ $.ThisFlag IS FALSE }', '{"ThisFlag":false}', true),
  one(COMPOUND, '{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', USERS, true),
  one(COMPOUND, '{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', USERS, false),
  one(
    COMPOUND,
    '{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }',
    USERS,
    true,
  ),
  one(
    COMPOUND,
    '{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }',
    USERS,
    false,
  ),
  one(SPECIAL, '{ $.users = 1 }', '{"users": [1, 2, 3]}', false),
  one(SPECIAL, '{ $.users != 1 }', '{"users": [1, 2, 3]}', false),
  { source: OR_SECTION, pattern: '{$.foo = bar}', events: FOO, matching: [0] },
  { source: OR_SECTION, pattern: '{$.foo = baz }', events: FOO, matching: [1] },
  { source: OR_SECTION, pattern: '{$.foo = bar || $.foo = baz }', events: FOO, matching: [0, 1] },
  {
    source: STRING,
    pattern: '{ $.name = *Event }',
    events: ['{"name":"PutEvent"}', '{"name":"GetEvent"}', '{"name":"EventId"}'],
    matching: [0, 1],
  },
  {
    source: STRING,
    pattern: '{ $.name = Event* }',
    events: ['{"name":"EventId"}', '{"name":"EventName"}', '{"name":"PutEvent"}'],
    matching: [0, 1],
  },
  {
    source: STRING,
    pattern: '{ $.name = "Ev*ent" }',
    events: ['{"name":"Ev*ent"}', '{"name":"Event"}', '{"name":"EvXent"}'],
    matching: [0],
  },
  one(NUMERIC, '{ $.latency >= 500 }', '{"latency":500}', true),
  one(NUMERIC, '{ $.latency >= 500 }', '{"latency":499}', false),
  one(NUMERIC, '{ $.numbers[0] < 10e3 }', '{"numbers":[9999]}', true),
  one(NUMERIC, '{ $.numbers[0] < 10e3 }', '{"numbers":[10000]}', false),
  one(NUMERIC, '{ $.numbers[0] < 10e-3 }', '{"numbers":[0.009]}', true),
  one(NUMERIC, '{ $.numbers[0] < 10e-3 }', '{"numbers":[0.01]}', false),
  one(
    NUMERIC,
    '{ $.processes[4].averageRuntime <= 55.5 }',
    '{"processes":[0,0,0,0,{"averageRuntime":55.5}]}',
    true,
  ),
  one(NUMERIC, '{ $.errorCode = 400 }', '{"errorCode":400}', true),
  one(NUMERIC, '{ $.errorCode != 500 }', '{"errorCode":400}', true),
  one(NUMERIC, '{ $.errorCode != 500 }', '{"errorCode":500}', false),
  one(NUMERIC, '{ $.latency > +1000 }', '{"latency":1001}', true),
  one(NUMERIC, '{ $.latency > +1000 }', '{"latency":1000}', false),
  one(PUBLISH, '{ $.latency = * }', '{"latency": 50, "requestType": "GET"}', true),
];
