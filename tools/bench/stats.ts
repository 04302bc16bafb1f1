/** Median of a numeric list (sorted copy; the input is left as is). */
export const median = (values: ArrayLike<number>): number => quantile(values, 0.5);

/** Linear-interpolated quantile, q in [0, 1]. NaN for an empty list. */
export const quantile = (values: ArrayLike<number>, q: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
};
