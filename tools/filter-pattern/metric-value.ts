import type { CompiledFilterPattern, MetricDataPoint, MetricTransformation } from './types';
import { parseNumber } from './value-condition';

/** "You can assign up to three dimensions to a metric." */
export const MAX_DIMENSIONS = 3;

/**
 * Rejects a metric transformation PutMetricFilter would refuse: more than three dimensions, or a
 * default value together with dimensions (a default has no field to take dimension values from).
 */
export function checkTransformation(transformation: MetricTransformation): void {
  const dimensions = Object.keys(transformation.dimensions ?? {});
  if (dimensions.length > MAX_DIMENSIONS) {
    throw new RangeError(
      `a metric transformation can have at most ${MAX_DIMENSIONS} dimensions, found ${dimensions.length}`,
    );
  }
  if (dimensions.length > 0 && transformation.defaultValue !== undefined) {
    throw new RangeError('a metric transformation with dimensions cannot have a default value');
  }
}

/**
 * Resolves `$.field` (JSON), `$field` / `$3` (space-delimited) from the values the pattern extracted.
 * The field must appear in the pattern: "If you are using a field value, the field value must have
 * been matched using the pattern" (hence the documented `{ $.latency = * }` with `$.latency`).
 */
function lookup(reference: string, extractedValues: Record<string, string>): string | undefined {
  const key = reference.trim();
  return Object.hasOwn(extractedValues, key) ? extractedValues[key] : undefined;
}

/**
 * The data point a metric filter publishes for one event, or undefined when it publishes nothing.
 * - a matching event publishes `metricValue`: a literal number, or a field whose text must be numeric;
 *   a non-numeric field value publishes nothing for that event (CloudWatch skips it rather than
 *   publishing 0);
 * - every dimension must resolve to a field value, otherwise nothing is published;
 * - a non-matching event publishes `defaultValue` when one is set ("the value to emit when a filter
 *   pattern does not match a log event"); a transformation AWS refuses (a default value together with
 *   dimensions, more than three dimensions) throws a RangeError.
 */
export function extractMetric(
  compiled: CompiledFilterPattern,
  message: string,
  transformation: MetricTransformation,
): MetricDataPoint | undefined {
  checkTransformation(transformation);
  const result = compiled.match(message);
  if (!result) {
    return transformation.defaultValue === undefined
      ? undefined
      : { value: transformation.defaultValue, dimensions: {} };
  }
  const reference = transformation.metricValue.trim();
  const text = reference.startsWith('$') ? lookup(reference, result.extractedValues) : reference;
  const value = text === undefined ? undefined : parseNumber(text.trim());
  if (value === undefined) return undefined;
  const dimensions: Record<string, string> = {};
  for (const [name, source] of Object.entries(transformation.dimensions ?? {})) {
    const dimension = source.trim().startsWith('$') ? lookup(source, result.extractedValues) : source;
    if (dimension === undefined || dimension === '') return undefined;
    dimensions[name] = dimension;
  }
  return { value, dimensions };
}
