/**
 * Pure number formatting for widgets and lessons. English text, fixed decimal
 * separators, so what tests read is what readers see on every machine.
 */

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Placeholder shown for a value that is missing or not a finite number. */
export const MISSING = '—';

/** 60000 → "60,000". Rounds to a whole number. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return MISSING;
  return grouped.format(Math.round(n));
}

/** A fraction 0..1 as a percentage: 0.92413 → "92.4%". */
export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return MISSING;
  return `${(fraction * 100).toFixed(digits)}%`;
}

/**
 * A loss value, readable at a glance: two decimals for ordinary values
 * (2.3026 → "2.30", 0.3104 → "0.31"), three significant digits when tiny
 * (0.00421 → "0.00421"), whole numbers when huge.
 */
export function formatLoss(loss: number): string {
  if (!Number.isFinite(loss)) return MISSING;
  const a = Math.abs(loss);
  if (a !== 0 && a < 0.01) return loss.toPrecision(3);
  if (a >= 1000) return formatCount(loss);
  return loss.toFixed(2);
}

/** Megabytes (decimal, 1 MB = 1,000,000 bytes) with one decimal: 3_141_592 → "3.1". */
export function formatMegabytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return MISSING;
  return (bytes / 1e6).toFixed(1);
}

/** A size with its unit, decimal prefixes: 512 → "512 bytes", 28_881 → "28.9 kB", 9_912_422 → "9.9 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return MISSING;
  if (bytes < 1000) return bytes === 1 ? '1 byte' : `${Math.round(bytes)} bytes`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/**
 * A duration for people: 850 → "0.9 s", 42_300 → "42 s", 125_000 → "2 min 5 s",
 * 3_725_000 → "1 h 2 min".
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return MISSING;
  const s = ms / 1000;
  if (s < 9.95) return `${(Math.round(s * 10) / 10).toFixed(1)} s`;
  const whole = Math.round(s);
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) {
    const rest = whole % 60;
    return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
  }
  const hours = Math.floor(minutes / 60);
  const restMin = minutes % 60;
  return restMin === 0 ? `${hours} h` : `${hours} h ${restMin} min`;
}

/** "1 epoch", "2 epochs", "0 epochs"; `pluralWord` for irregular plurals. */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${formatCount(n)} ${n === 1 ? word : pluralWord}`;
}
