import { compileFilterPattern } from '../../tools/filter-pattern';
import { extracted, matching } from './helpers';

// The example event of "Using filter patterns to match terms in JSON log events", on one line.
const TRAIL = JSON.stringify({
  eventType: 'UpdateTrail',
  sourceIPAddress: '111.111.111.111',
  arrayKey: ['value', 'another value'],
  objectList: [
    { name: 'a', id: 1 },
    { name: 'b', id: 2 },
  ],
  SomeObject: null,
  'cluster.name': 'c',
  ThisFlag: true,
});

// The example object of the compound-expression section.
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

const matches = (pattern: string, event: string): boolean =>
  compileFilterPattern(pattern).match(event) !== undefined;

describe('JSON patterns', () => {
  it.each([
    '{ $.eventType = "UpdateTrail" }',
    '{ $.eventType = UpdateTrail }',
    '{ $.sourceIPAddress != 123.123.* }',
    '{ $.arrayKey[0] = "value" }',
    '{ $.eventType = %Trail% }',
    '{ $.arrayKey[*] = %val.{2}% }',
    '{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }',
    '{ $.[\'cluster.name\'] = "c" }',
    '{ $.objectList[1].id = 2 }',
    '{ $.SomeObject IS NULL }',
    '{ $.SomeOtherObject NOT EXISTS }',
    '{ $.ThisFlag IS TRUE }',
  ])('matches the documented example %s', (pattern) => {
    expect(matches(pattern, TRAIL)).toBe(true);
    expect(compileFilterPattern(pattern).kind).toBe('json');
  });

  it.each([
    '{ $.eventType = "Update" }',
    '{ $.sourceIPAddress != 111.111.* }',
    '{ $.arrayKey[0] = "another value" }',
    '{ $.arrayKey[5] = "value" }',
    '{ $.eventType[0] = "UpdateTrail" }',
    '{ $.objectList[1].name = "a" }',
    '{ $.eventType IS NULL }',
    '{ $.missing IS NULL }',
    '{ $.SomeObject NOT EXISTS }',
    '{ $.ThisFlag IS FALSE }',
    '{ $.eventType IS TRUE }',
  ])('does not match %s', (pattern) => {
    expect(matches(pattern, TRAIL)).toBe(false);
  });

  it('uses * at the start or end of a string as a wildcard, and literally in the middle', () => {
    expect(matches('{ $.eventType = *Trail }', TRAIL)).toBe(true);
    expect(matches('{ $.eventType = Update* }', TRAIL)).toBe(true);
    expect(matches('{ $.eventType = "*dateTr*" }', TRAIL)).toBe(true);
    expect(matches('{ $.eventType = Upd*Trail }', TRAIL)).toBe(false);
    expect(matches('{ $.eventType = "Ev*ent" }', '{"eventType":"Ev*ent"}')).toBe(true);
  });

  it('matches any present value with = *, but not null or missing properties', () => {
    expect(
      matching('{ $.latency = * }', [
        '{"latency":42}',
        '{"latency":"high"}',
        '{"latency":null}',
        '{"other":1}',
      ]),
    ).toEqual(['{"latency":42}', '{"latency":"high"}']);
  });

  it('never matches a selector that names an object or an array, with = or !=', () => {
    const event = '{"users":[1,2,3],"user":{"id":1}}';
    expect(matches('{ $.users = 1 }', event)).toBe(false);
    expect(matches('{ $.users != 1 }', event)).toBe(false);
    expect(matches('{ $.user != 1 }', event)).toBe(false);
    expect(matches('{ $.users = * }', event)).toBe(false);
  });

  it('does not match != on a missing property (use NOT EXISTS for that)', () => {
    expect(matches('{ $.status != "ok" }', '{"other":1}')).toBe(false);
    expect(matches('{ $.status != "ok" }', '{"status":"failed"}')).toBe(true);
  });

  it('never matches plain text, JSON arrays or broken JSON', () => {
    expect(matching('{ $.a NOT EXISTS }', ['not json', '[1,2]', '{"a":', '"text"', '{"b":1}'])).toEqual([
      '{"b":1}',
    ]);
  });

  describe('numeric comparisons', () => {
    it.each([
      ['{ $.bandwidth > 75 }', '{"bandwidth":76}', true],
      ['{ $.bandwidth > 75 }', '{"bandwidth":75}', false],
      ['{ $.latency < 50 }', '{"latency":49.9}', true],
      ['{ $.refreshRate >= 60 }', '{"refreshRate":60}', true],
      ['{ $.responseTime <= 5 }', '{"responseTime":5.1}', false],
      ['{ $.errorCode = 400}', '{"errorCode":400}', true],
      ['{ $.errorCode = 400 }', '{"errorCode":400.0}', true],
      ['{ $.errorCode != 500 }', '{"errorCode":400}', true],
      ['{ $.errorCode != 500 }', '{"errorCode":500}', false],
      ['{ $.number[0] = 1e+3 }', '{"number":[1000]}', true],
      ['{ $.number[0] != 1e-3 }', '{"number":[0.001]}', false],
      ['{ $.numbers[0] < 10e3 }', '{"numbers":[9999]}', true],
      ['{ $.numbers[0] < 10e-3 }', '{"numbers":[0.01]}', false],
      ['{ $.latency > +1000 }', '{"latency":1001}', true],
      ['{ $.delta > -5 }', '{"delta":-4}', true],
      ['{ $.processes[4].averageRuntime <= 55.5 }', '{"processes":[0,0,0,0,{"averageRuntime":55.5}]}', true],
    ])('%s on %s is %s', (pattern, event, expected) => {
      expect(matches(pattern, event)).toBe(expected);
    });

    it('compares numbers only with JSON numbers, not with numeric-looking strings', () => {
      expect(matches('{ $.latency > 5 }', '{"latency":"10"}')).toBe(false);
      expect(matches('{ $.code = 400 }', '{"code":"400"}')).toBe(false);
    });

    it('matches numbers against wildcard strings through their text', () => {
      expect(matches('{ $.status_code = 4* }', '{"status_code":404}')).toBe(true);
      expect(matches('{ $.status_code = 4* }', '{"status_code":200}')).toBe(false);
    });
  });

  describe('compound expressions', () => {
    it('matches with AND', () => {
      expect(matches('{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', USERS)).toBe(true);
    });

    it('gives && precedence over ||', () => {
      expect(
        matches(
          '{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch" && $.actions[2] = "nonmatch" }',
          USERS,
        ),
      ).toBe(true);
      expect(
        matches(
          '{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch") && $.actions[2] = "nonmatch" }',
          USERS,
        ),
      ).toBe(false);
    });

    it('does not match when neither side of || holds', () => {
      expect(
        matches('{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', USERS),
      ).toBe(false);
    });

    it('reads nested arrays', () => {
      expect(matches('{ $.coordinates[1][2] = 6 }', USERS)).toBe(true);
      expect(matches('{ $.users[*].id = 3 }', USERS)).toBe(true);
    });

    it('matches the OR examples of the older docs', () => {
      const events = ['{"foo": "bar"}', '{"foo": "baz"}'];
      expect(matching('{$.foo = bar}', events)).toEqual([events[0]]);
      expect(matching('{$.foo = baz }', events)).toEqual([events[1]]);
      expect(matching('{$.foo = bar || $.foo = baz }', events)).toEqual(events);
    });
  });

  it('matches a catalog-style filter on a real record', () => {
    const record = '{"level":"INFO","message":"login_attempt","outcome":"failure","user":"u-1"}';
    expect(matches('{ $.message = "login_attempt" && $.outcome = "failure" }', record)).toBe(true);
    expect(matches('{ $.message = "login_attempt" && $.outcome = "success" }', record)).toBe(false);
  });

  describe('extracted values', () => {
    it('reports each selector of the pattern with its value', () => {
      expect(extracted('{ $.status_code = 404 }', '{"status_code":404}')).toEqual({ '$.status_code': '404' });
      expect(extracted('{ $.eventType = "UpdateTrail" && $.sourceIPAddress = * }', TRAIL)).toEqual({
        '$.eventType': 'UpdateTrail',
        '$.sourceIPAddress': '111.111.111.111',
      });
    });

    it('reports the element that satisfied a wildcard selector', () => {
      expect(extracted('{ $.actions[*] = "PUT" }', USERS)).toEqual({ '$.actions[*]': 'PUT' });
    });

    it('leaves out selectors without a value', () => {
      expect(extracted('{ $.SomeObject IS NULL || $.nope NOT EXISTS }', TRAIL)).toEqual({});
    });
  });
});
