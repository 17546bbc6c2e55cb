/**
 * Ids for widget markup rendered at build time (labels and descriptions that need `id`s).
 * A counter, so builds are reproducible; the prefix keeps widgets of different kinds apart.
 * Elements created in the browser without build-time markup use their own prefix ("…-js-").
 */
const counters = new Map<string, number>();

export function nextWidgetId(prefix: string): string {
  const n = (counters.get(prefix) ?? 0) + 1;
  counters.set(prefix, n);
  return `${prefix}-${n}`;
}
