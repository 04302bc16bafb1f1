import { compileFilterPattern } from './compile';
import type { TestMetricFilterMatch, TestMetricFilterResponse } from './types';

/** The offline TestMetricFilter API: which messages match (1-based eventNumber) and what they extract. */
export function testMetricFilter(pattern: string, messages: readonly string[]): TestMetricFilterResponse {
  const compiled = compileFilterPattern(pattern);
  const matches: TestMetricFilterMatch[] = [];
  messages.forEach((eventMessage, index) => {
    const result = compiled.match(eventMessage);
    if (result)
      matches.push({ eventNumber: index + 1, eventMessage, extractedValues: { ...result.extractedValues } });
  });
  return { matches };
}
