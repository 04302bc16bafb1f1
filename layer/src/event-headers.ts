/**
 * Request headers as the middleware reads them: by lower-case name, whatever case the event used, with
 * `headers` winning over `multiValueHeaders` (v1/ALB may send only the latter), and the `X-Forwarded-For` entry a
 * load balancer appended. A lookup scans the few header names for one of the same length instead of building a
 * lower-cased copy of them all: a request asks for two or three headers.
 */

/** What the middleware needs of a request's headers. */
export interface HeaderLookup {
  /** The first value of the header `name` (lower case), if any. */
  get(name: string): string | undefined;
}

type Loose = Record<string, unknown>;

const asObject = (value: unknown): Loose | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : undefined;
const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
/** A header value: a string, or the first of a list (v1/ALB `multiValueHeaders`, VPC Lattice v2 `headers`). */
const firstString = (value: unknown): string | undefined =>
  Array.isArray(value) ? asString(value[0]) : asString(value);

/** The last header of `object` named `name` in any case that has a value (later names win, as in a Map). */
const find = (object: Loose, name: string): string | undefined => {
  let found: string | undefined;
  for (const key in object) {
    if (key.length !== name.length || (key !== name && key.toLowerCase() !== name)) continue;
    found = firstString(object[key]) ?? found;
  }
  return found;
};

/** Case-insensitive lookup over header objects; a later source wins. */
export const headerLookup = (...sources: unknown[]): HeaderLookup => {
  const objects = sources.map(asObject).filter((object): object is Loose => object !== undefined);
  return {
    get: (name) => {
      for (let i = objects.length - 1; i >= 0; i--) {
        const value = find(objects[i] as Loose, name);
        if (value !== undefined) return value;
      }
      return undefined;
    },
  };
};

export const noHeaders: HeaderLookup = { get: () => undefined };

/** Every `X-Forwarded-For` value of a header object (any case; a string or a list of strings). */
const forwardedValues = (source: unknown): string[] => {
  const object = asObject(source);
  const values: string[] = [];
  if (!object) return values;
  for (const name in object) {
    if (name.length !== 15 || name.toLowerCase() !== 'x-forwarded-for') continue;
    const value = object[name];
    for (const item of Array.isArray(value) ? value : [value])
      if (typeof item === 'string') values.push(item);
  }
  return values;
};

/**
 * The address the load balancer saw (ALB and VPC Lattice have no sourceIp of their own): the entry it appended,
 * the last of `X-Forwarded-For`. Earlier entries are whatever the client sent, so never a source.
 */
export const forwardedFor = (event: Loose): string | undefined => {
  const multi = forwardedValues(event.multiValueHeaders);
  const values = multi.length > 0 ? multi : forwardedValues(event.headers);
  const last = values.join(',').split(',').pop()?.trim();
  return last === '' ? undefined : last;
};
