/** Points evenly spaced on the straight line from a to b, both ends included (steps ≥ 2). */
export function interpolate(a: ArrayLike<number>, b: ArrayLike<number>, steps: number): Float32Array[] {
  if (a.length !== b.length) throw new RangeError(`interpolate: a has ${a.length} numbers and b ${b.length}.`);
  if (!Number.isInteger(steps) || steps < 2) throw new RangeError(`interpolate: steps must be a whole number ≥ 2, got ${steps}.`);
  return Array.from({ length: steps }, (_, s) => {
    const t = s / (steps - 1);
    return Float32Array.from({ length: a.length }, (_, i) => a[i]! + (b[i]! - a[i]!) * t);
  });
}
