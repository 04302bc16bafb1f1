import fc from 'fast-check';
import { runQuery } from '../../tools/insights';
import { fieldRef } from '../../tools/insights/field-ref';
import { MAX_JSON_FIELDS } from '../../tools/insights/json-fields';
import { JsonScanner } from '../../tools/insights/json-scanner';
import { EventRow } from '../../tools/insights/rows';
import { at, rowsOf, textEvent } from './helpers';

/** Every flattened leaf name of a JSON value, as Logs Insights names them (`a.b.0.c`). */
const leafNames = (value: unknown, prefix = ''): string[] => {
  if (typeof value !== 'object' || value === null) return prefix === '' ? [] : [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    leafNames(child, prefix === '' ? key : `${prefix}.${key}`),
  );
};

// Events are scanned for the keys a query reads instead of parsed whole; nothing may differ from JSON.parse.
describe('the JSON key scanner', () => {
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
});
