/**
 * A Unicode-property RegExp (`\p{L}`, `\p{Default_Ignorable_Code_Point}`) built on first use. Written as a
 * literal, V8 validates it when the module loads, which loads ICU property data: milliseconds of cold start paid
 * even when no key or text ever needs it. The source is a parameter so that neither the linter nor the bundler
 * turns the constructor call back into a literal.
 */
export const unicodePattern = (source: string, flags: string): (() => RegExp) => {
  let pattern: RegExp | undefined;
  return () => {
    if (pattern === undefined) pattern = new RegExp(source, flags);
    return pattern;
  };
};
