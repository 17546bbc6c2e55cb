/** Fractions in words for grader messages, never rounded across the pass mark. */
import { formatPercent } from '../format/numbers.ts';

/**
 * A fraction as a percentage with one decimal, or more where one decimal would hide which
 * side of the threshold it is on (0.8996 against 0.9 reads "89.96%", not "90.0%").
 */
export function percentAgainst(fraction: number, threshold: number): string {
  for (let digits = 1; digits <= 4; digits++) {
    const shown = Number((fraction * 100).toFixed(digits)) / 100;
    if (shown >= threshold === fraction >= threshold) return formatPercent(fraction, digits);
  }
  return formatPercent(fraction, 4);
}

/** A threshold as a short percentage: 0.9 → "90%", 0.925 → "92.5%". */
export function thresholdPercent(threshold: number): string {
  return `${Number((threshold * 100).toFixed(2))}%`;
}
