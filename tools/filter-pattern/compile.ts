import { FilterPatternError } from './errors';
import { compileJsonPattern } from './json-pattern';
import { MAX_PATTERN_LENGTH } from './limits';
import { compileRegexPattern } from './regex-pattern';
import { compileSpaceDelimitedPattern } from './space-delimited-pattern';
import { compileTermPattern } from './term-pattern';
import type { CompiledFilterPattern, MatchResult } from './types';

const EVERYTHING: MatchResult = Object.freeze({
  extractedValues: Object.freeze({}) as Record<string, string>,
});

/** Compiled patterns are immutable, so the same pattern text is compiled once per process. */
const cache = new Map<string, CompiledFilterPattern>();
const CACHE_LIMIT = 2000;

function compileUncached(pattern: string): CompiledFilterPattern {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new FilterPatternError(
      `filter pattern is longer than ${MAX_PATTERN_LENGTH} characters`,
      MAX_PATTERN_LENGTH,
    );
  }
  // The first non-blank character decides the pattern family, as in the console's pattern editor.
  switch (pattern.trimStart()[0]) {
    case undefined:
      return { kind: 'empty', source: pattern, match: () => EVERYTHING };
    case '{':
      return compileJsonPattern(pattern);
    case '[':
      return compileSpaceDelimitedPattern(pattern);
    case '%':
      return compileRegexPattern(pattern);
    default:
      return compileTermPattern(pattern);
  }
}

/** Parses a CloudWatch Logs filter pattern; throws FilterPatternError where AWS would reject it. */
export function compileFilterPattern(pattern: string): CompiledFilterPattern {
  let compiled = cache.get(pattern);
  if (!compiled) {
    compiled = compileUncached(pattern);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, compiled);
  }
  return compiled;
}
