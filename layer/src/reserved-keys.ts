/**
 * Top-level keys only the layer may write: the record contract's keys (alarms and queries match on them) and
 * the CloudWatch EMF keys (`_aws` turns a line into metrics, the metric names carry their values). A logged
 * object, an appended key or an event field with one of these names is written `field_<name>`, so a logged
 * request body with a top-level `_aws` block stays data and never publishes a metric.
 *
 * The rule is injective: a key that already looks escaped (`field_level`, `field_field__aws`) gains one more
 * `field_` as well, so two different input keys never land on the same output key and nothing is overwritten.
 */
import { recordKeys } from './event-catalog';
import { metricNames } from './metric-names';

/** The EMF metadata key: a record with `_aws.CloudWatchMetrics` is read as metrics by CloudWatch. */
export const emfKey = '_aws';

export const reservedKeys: ReadonlySet<string> = new Set<string>([
  ...Object.values(recordKeys),
  emfKey,
  metricNames.requestLatency,
  metricNames.coldStart,
  metricNames.serviceDimension,
  // assigning it would set the record's prototype instead of writing a key
  '__proto__',
]);

const escapePrefix = 'field_';

/** The key a field is written under at the top level of a record (see the module comment). */
export const fieldKey = (key: string): string => {
  if (reservedKeys.has(key)) return `${escapePrefix}${key}`;
  if (!key.startsWith(escapePrefix)) return key;
  let base = key;
  while (base.startsWith(escapePrefix)) base = base.slice(escapePrefix.length);
  return reservedKeys.has(base) ? `${escapePrefix}${key}` : key;
};
