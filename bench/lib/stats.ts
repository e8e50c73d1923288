/** Order statistics over plain arrays; every function returns NaN for an empty input. */

export function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const weight = position - lower;
  return sorted[lower]! * (1 - weight) + sorted[upper]! * weight;
}

export const median = (values: ArrayLike<number>): number => quantile(values, 0.5);

/** Least-squares line through (x, y): y = intercept + slope * x. */
export function linearFit(points: Array<{ x: number; y: number }>): { intercept: number; slope: number } {
  const n = points.length;
  if (n < 2) return { intercept: Number.NaN, slope: Number.NaN };
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const slope = sxy / sxx;
  return { intercept: my - slope * mx, slope };
}

/** Rounds for display and JSON: keeps `digits` significant digits, integers stay integers. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const factor = 10 ** Math.max(0, digits - 1 - magnitude);
  return Math.round(value * factor) / factor;
}
