import { compileFilterPattern } from '../../tools/filter-pattern';

/** The messages of `events` that `pattern` matches, in order. */
export function matching(pattern: string, events: readonly string[]): string[] {
  const compiled = compileFilterPattern(pattern);
  return events.filter((event) => compiled.match(event) !== undefined);
}

/** What the pattern extracts from one event, or undefined when it does not match. */
export function extracted(pattern: string, event: string): Record<string, string> | undefined {
  return compileFilterPattern(pattern).match(event)?.extractedValues;
}
