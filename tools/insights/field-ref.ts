import { LAMBDA_FIELD_NAMES, type LambdaFieldName } from './lambda-fields';

/** The fields Logs Insights generates for every event (the `@` system fields). */
export const SYSTEM_FIELDS = ['@timestamp', '@message', '@log', '@logStream', '@ingestionTime'] as const;
export type SystemFieldName = (typeof SYSTEM_FIELDS)[number] | LambdaFieldName;

const GENERATED = new Set<string>([...SYSTEM_FIELDS, ...LAMBDA_FIELD_NAMES]);

/** A field name resolved once at compile time, so rows do not re-split names per event. */
export interface FieldRef {
  readonly name: string;
  /** Set for a generated `@` field. */
  readonly system?: SystemFieldName;
  /** The JSON path of a discovered field (`error.name` → ["error", "name"]). */
  readonly path: readonly string[];
  /** The flattened JSON name (a JSON key `@x` is shown, and queried, as `@@x`). */
  readonly jsonName: string;
}

const refs = new Map<string, FieldRef>();

export const fieldRef = (name: string): FieldRef => {
  let ref = refs.get(name);
  if (!ref) {
    const jsonName = name.startsWith('@@') ? name.slice(1) : name;
    ref = {
      name,
      system: GENERATED.has(name) ? (name as SystemFieldName) : undefined,
      path: jsonName.split('.'),
      jsonName,
    };
    if (refs.size > 10_000) refs.clear();
    refs.set(name, ref);
  }
  return ref;
};
