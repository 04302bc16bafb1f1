import fc from 'fast-check';
import { runQuery } from '../../tools/insights';
import { fieldRef } from '../../tools/insights/field-ref';
import { MAX_JSON_FIELDS } from '../../tools/insights/json-fields';
import { JsonScanner } from '../../tools/insights/json-scanner';
import { EventRow } from '../../tools/insights/rows';
import { at, jsonEvent, rowsOf, stamp, textEvent } from './helpers';

/** Every flattened leaf name of a JSON value, as Logs Insights names them (`a.b.0.c`). */
const leafNames = (value: unknown, prefix = ''): string[] => {
  if (typeof value !== 'object' || value === null) return prefix === '' ? [] : [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    leafNames(child, prefix === '' ? key : `${prefix}.${key}`),
  );
};

describe('field discovery', () => {
  // Supported logs and discovered fields: "Fields in JSON logs".
  it('names nested JSON fields with dots and array items by position', () => {
    const event = jsonEvent(at(1), {
      userIdentity: { type: 'IAMUser', userName: 'Alice' },
      responseElements: {
        instancesSet: { items: [{ instanceId: 'i-1', currentState: { code: 0 } }, { instanceId: 'i-2' }] },
      },
      'dotted.key': 'literal',
      tags: ['a', 'b'],
    });
    expect(
      rowsOf(
        'fields userIdentity.type, responseElements.instancesSet.items.0.currentState.code, responseElements.instancesSet.items.1.instanceId, `dotted.key`, tags.1',
        [event],
      ),
    ).toEqual([
      {
        'userIdentity.type': 'IAMUser',
        'responseElements.instancesSet.items.0.currentState.code': '0',
        'responseElements.instancesSet.items.1.instanceId': 'i-2',
        'dotted.key': 'literal',
        'tags.1': 'b',
      },
    ]);
  });

  it('discovers leaves only: an object is no field, JSON null is a missing one, booleans read 1 and 0', () => {
    const events = [
      jsonEvent(at(1), { error: { name: 'TypeError' }, gone: null, cold_start: true, retried: false }),
    ];
    expect(
      rowsOf(
        'fields ispresent(error) as object, ispresent(error.name) as leaf, ispresent(gone) as nul, cold_start, retried',
        events,
      ),
    ).toEqual([{ object: '0', leaf: '1', nul: '0', cold_start: '1', retried: '0' }]);
    // The stack's cold-start query relies on this: `cold_start = 1` matches a JSON true.
    expect(rowsOf('filter cold_start = 1 or cold_start = "true" | stats count(*) as n', events)).toEqual([
      { n: '1' },
    ]);
  });

  it('shows a JSON key starting with @ with one more @ (`@example.com` is `@@example.com`)', () => {
    const events = [jsonEvent(at(1), { '@example.com': 'x', '@timestamp': 'not the event time' })];
    expect(rowsOf('fields `@@example.com`, @@timestamp, @timestamp', events)).toEqual([
      { '@@example.com': 'x', '@@timestamp': 'not the event time', '@timestamp': stamp(1) },
    ]);
  });

  it(`discovers at most ${MAX_JSON_FIELDS} fields of one JSON event, in document order`, () => {
    const record = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`k${i}`, i]));
    expect(rowsOf('fields k0, k199, k200, k249', [jsonEvent(at(1), record)])).toEqual([
      { k0: '0', k199: '199' },
    ]);
    const nested = { first: Array.from({ length: 199 }, (_, i) => i), a: 'kept', b: 'dropped' };
    expect(rowsOf('fields first.198, a, b', [jsonEvent(at(1), nested)])).toEqual([
      { 'first.198': '198', a: 'kept' },
    ]);
  });

  it('reads the first embedded JSON object of a line with a prefix (Lambda text format)', () => {
    const events = [
      textEvent(
        at(1),
        '2026-01-01T00:01:00.000Z\t11111111-2222-3333-4444-555555555555\tINFO\t{"order":"o-1","total":12.5}',
      ),
      textEvent(at(2), 'not json at all'),
      textEvent(at(3), '{"broken": '),
    ];
    expect(rowsOf('fields order, total, @requestId | sort @timestamp asc', events)).toEqual([
      { order: 'o-1', total: '12.5', '@requestId': '11111111-2222-3333-4444-555555555555' },
      {},
      {},
    ]);
  });

  it('gives the generated fields: @timestamp, @message, @log, @logStream, @ingestionTime', () => {
    const event = textEvent(at(1, 2, 3), 'plain text', {
      logGroup: '123456789012:/aws/lambda/f',
      logStream: 's-1',
      ingestionTime: at(1, 5),
    });
    expect(rowsOf('fields @timestamp, @message, @log, @logStream, @ingestionTime', [event])).toEqual([
      {
        '@timestamp': stamp(1, 2, 3),
        '@message': 'plain text',
        '@log': '123456789012:/aws/lambda/f',
        '@logStream': 's-1',
        '@ingestionTime': stamp(1, 5),
      },
    ]);
  });

  it('reads escaped keys and values as JSON.parse does', () => {
    const message = '{"na\\u006de":"caf\\u00e9 \\"quoted\\"","n":1e2}';
    expect(rowsOf('fields name, n', [textEvent(at(1), message)])).toEqual([
      { name: 'café "quoted"', n: '100' },
    ]);
  });

  it.each([
    ['an unknown escape', '{"skipped":"\\x","d":1}'],
    ['a short unicode escape', '{"skipped":"\\u12G4","d":1}'],
    ['a raw tab inside a string', '{"skipped":"a\tb","d":1}'],
    ['a leading zero', '{"skipped":01,"d":1}'],
    ['a trailing comma', '{"skipped":[1,],"d":1}'],
    ['text after the object', '{"d":1} {"e":2}'],
  ])('finds no field in a message with %s, like JSON.parse', (_name, message) => {
    expect(rowsOf('fields d, e', [textEvent(at(1), message)])).toEqual([{}]);
  });

  it('keeps a "__proto__" key as a field, not as the prototype', () => {
    const [row] = runQuery('fields `__proto__`, d', [textEvent(at(1), '{"__proto__":"x","d":1}')]).rows;
    expect(row).toEqual([
      { field: '__proto__', value: 'x' },
      { field: 'd', value: '1' },
    ]);
  });

  // The scanner reads only the keys a query names; whatever the message, a row must see what JSON.parse sees.
  it('reads the same values with the key scanner as with JSON.parse, for any message', () => {
    const small = fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const json = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.dictionary(
        fc.string({ maxLength: 3 }),
        fc.oneof(small, fc.array(small, { maxLength: 5 }), fc.dictionary(fc.string({ maxLength: 2 }), small)),
      ),
      fc.array(fc.integer(), { minLength: 190, maxLength: 230 }).map((items) => ({ items, tail: 'x' })),
    );
    const corrupt = (text: string, where: number, what: string) => {
      const at = where % (text.length + 1);
      return text.slice(0, at) + what + text.slice(at + (what === '' ? 1 : 0));
    };
    const edit = fc.constantFrom(
      '',
      '{',
      '}',
      '"',
      ',',
      ':',
      '\\',
      ' ',
      '0',
      '-',
      'e',
      'n',
      '\u0001',
      '\\u12G4',
      '\\x',
      '}}',
      ' x',
    );
    // The value, and a message built from it: the names to read come from the value, so a corrupted
    // message is still asked for the keys it (nearly) holds.
    const sample = fc.oneof(
      json.map((value) => ({ value, text: JSON.stringify(value) })),
      json.map((value) => ({ value, text: JSON.stringify(value, null, 2) })),
      fc
        .tuple(json, fc.nat(), edit)
        .map(([value, where, what]) => ({ value, text: corrupt(JSON.stringify(value), where, what) })),
      fc.tuple(json, edit).map(([value, what]) => ({ value, text: `${JSON.stringify(value)}${what}` })),
      // Inside a key or string value, right after one of its quotes.
      fc.tuple(json, fc.nat(), edit).map(([value, n, what]) => {
        const text = JSON.stringify(value);
        const quotes = [...text.matchAll(/"/g)].map((match) => match.index);
        return {
          value,
          text: quotes.length === 0 ? text : corrupt(text, quotes[n % quotes.length] + 1, what),
        };
      }),
      json.map((value) => ({
        value,
        text: `2026-01-01T00:00:00.000Z\tid\tINFO\t${JSON.stringify(value)} trailer`,
      })),
    );
    fc.assert(
      fc.property(
        sample,
        fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
        fc.nat(2),
        ({ value, text }, extra, pick) => {
          // Some of the names only: the keys not asked for must be validated all the same.
          const some = leafNames(value).filter((_, i) => pick === 0 || i % 3 === pick);
          const refs = [...extra, 'items.199', 'tail', ...some].map(fieldRef);
          const wanted = new Set(
            refs.flatMap((ref) => ref.path.map((_, i) => ref.path.slice(0, i + 1).join('.'))),
          );
          const scanned = new EventRow(new JsonScanner(wanted, MAX_JSON_FIELDS)).reset(
            { timestamp: 0, message: text },
            0,
          );
          const parsed = new EventRow().reset({ timestamp: 0, message: text }, 0);
          expect(refs.map((ref) => [ref.name, scanned.get(ref)])).toEqual(
            refs.map((ref) => [ref.name, parsed.get(ref)]),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('scans only the events of the time range, counting what it scanned', () => {
    const events = [
      textEvent(at(1), 'a'),
      textEvent(at(2), 'héllo'),
      textEvent(at(3), 'c'),
      textEvent(at(4), 'd'),
    ];
    const results = runQuery('filter @message like "l"', events, { start: at(2), end: at(3) });
    expect(results.rows).toEqual([
      [
        { field: '@timestamp', value: stamp(2) },
        { field: '@message', value: 'héllo' },
      ],
    ]);
    expect(results.statistics).toEqual({ recordsScanned: 2, recordsMatched: 1, bytesScanned: 7 });
    expect(runQuery('fields @message', events, { limit: 2 }).rows.map((row) => row[0].value)).toEqual([
      'd',
      'c',
    ]);
  });
});
