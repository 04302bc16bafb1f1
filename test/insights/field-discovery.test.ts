import { runQuery } from '../../tools/insights';
import { MAX_JSON_FIELDS } from '../../tools/insights/json-fields';
import { at, jsonEvent, rowsOf, stamp, textEvent } from './helpers';

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
