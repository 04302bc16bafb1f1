import {
  compileFilterPattern,
  extractMetric,
  FilterPatternError,
  testMetricFilter,
} from '../../tools/filter-pattern';
import { JSON_CASES } from './documented/json-cases';
import { REGEX_CASES, REGEX_REJECTIONS } from './documented/regex-cases';
import {
  ACCESS_LOG,
  SPACE_DELIMITED_ACCEPTED,
  SPACE_DELIMITED_CASES,
  SPACE_DELIMITED_EXTRACTIONS,
} from './documented/space-delimited-cases';
import { TERM_CASES } from './documented/term-cases';
import type { MatchCase } from './documented/types';

// Every example the CloudWatch Logs user guide documents (pattern, events, which match), table-driven.
const ALL: readonly MatchCase[] = [...TERM_CASES, ...REGEX_CASES, ...JSON_CASES, ...SPACE_DELIMITED_CASES];

const label = (cases: readonly MatchCase[]) =>
  cases.map((entry) => [`${entry.pattern} (${entry.source})`, entry] as const);

describe('documented examples', () => {
  it.each(label(ALL))('%s', (_name, { pattern, events, matching }) => {
    const matched = testMetricFilter(pattern, events).matches.map((match) => match.eventNumber - 1);
    expect(matched).toEqual(matching);
  });

  it.each(SPACE_DELIMITED_EXTRACTIONS.map((entry) => [entry.pattern, entry] as const))(
    'extracts the documented values for %s',
    (_name, { pattern, event, extractedValues }) => {
      expect(compileFilterPattern(pattern).match(event)?.extractedValues).toEqual(extractedValues);
    },
  );

  it.each(SPACE_DELIMITED_ACCEPTED)('accepts the documented syntax %s', (pattern) => {
    expect(compileFilterPattern(pattern).kind).toBe('space-delimited');
  });

  it.each(REGEX_REJECTIONS.map((entry) => [entry.pattern, entry] as const))('rejects %s', (pattern) => {
    expect(() => compileFilterPattern(pattern)).toThrow(FilterPatternError);
  });

  // TestMetricFilter API reference: matches[] of MetricFilterMatchRecord {eventNumber, eventMessage,
  // extractedValues (string to string)}.
  it('answers in the shape of the TestMetricFilter API', () => {
    const response = testMetricFilter('[ip, id, user, timestamp, request, status_code=4*, size]', ACCESS_LOG);
    expect(response.matches.map((match) => match.eventNumber)).toEqual([1, 2, 4, 5]);
    expect(Object.keys(response.matches[0])).toEqual(['eventNumber', 'eventMessage', 'extractedValues']);
    expect(response.matches[0].eventMessage).toBe(ACCESS_LOG[0]);
    expect(response.matches[0].extractedValues.$size).toBe('287');
    // "If you are not using a space-delimited filter, this will be empty."
    expect(testMetricFilter('ERROR', ['ERROR x']).matches[0].extractedValues).toEqual({});
  });

  describe('metric values', () => {
    // Publishing numerical values found in log entries: { $.latency = * } with metric value $.latency.
    it('publishes $.latency from { $.latency = * }, default 0 on a miss', () => {
      const compiled = compileFilterPattern('{ $.latency = * }');
      const transformation = { metricValue: '$.latency', defaultValue: 0 };
      expect(extractMetric(compiled, '{"latency": 50, "requestType": "GET"}', transformation)?.value).toBe(
        50,
      );
      expect(extractMetric(compiled, '{"requestType": "GET"}', transformation)?.value).toBe(0);
    });

    // Extract fields from an Apache log: metric value $size, default value 0.
    it('publishes $size for every line of the Apache example', () => {
      const compiled = compileFilterPattern('[ip, id, user, timestamp, request, status_code, size]');
      const values = ACCESS_LOG.map(
        (line) => extractMetric(compiled, line, { metricValue: '$size', defaultValue: 0 })?.value,
      );
      expect(values).toEqual([287, 287, 3, 308, 308, 3]);
    });

    // Count occurrences of a term: 1 for every event containing Error, 0 for the others.
    it('publishes 1 per matching event and the default value otherwise', () => {
      const compiled = compileFilterPattern('Error');
      const transformation = { metricValue: '1', defaultValue: 0 };
      expect(extractMetric(compiled, 'This message contains an Error', transformation)?.value).toBe(1);
      expect(extractMetric(compiled, 'Test event 1', transformation)?.value).toBe(0);
    });

    // Dimensions: "up to three dimensions"; a default value cannot go with dimensions.
    it('refuses more than three dimensions, or dimensions with a default value', () => {
      const compiled = compileFilterPattern('[a, b, c, d]');
      const four = { A: '$a', B: '$b', C: '$c', D: '$d' };
      expect(() => extractMetric(compiled, 'w x y z', { metricValue: '1', dimensions: four })).toThrow(
        RangeError,
      );
      const withDefault = { metricValue: '1', defaultValue: 0, dimensions: { A: '$a' } };
      expect(() => extractMetric(compiled, 'w x y z', withDefault)).toThrow(RangeError);
      const three = { metricValue: '1', dimensions: { A: '$a', B: '$b', C: '$c' } };
      expect(extractMetric(compiled, 'w x y z', three)?.dimensions).toEqual({ A: 'w', B: 'x', C: 'y' });
    });
  });
});
