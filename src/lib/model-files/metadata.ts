/**
 * The metadata the supervised lessons store with a model (`userDefinedMetadata.tinker`:
 * spec, testAccuracy, trainedAt), read from an untrusted source, and the sentence that presents
 * a saved model ("Your model from 5 Dec 2026, 09:14: 97.9% on the test set").
 */
import { formatPercent } from '../format/numbers.ts';

export interface TinkerMetadata {
  /** The builder's ModelSpec, unchecked here (null when missing). */
  spec: unknown;
  /** Accuracy on the 10,000 test images, 0..1, or null when unknown. */
  testAccuracy: number | null;
  /** ISO date, or null when missing or not a date. */
  trainedAt: string | null;
}

/** The `tinker` part of a model's user-defined metadata, or null when it has none. */
export function readTinkerMetadata(userDefinedMetadata: unknown): TinkerMetadata | null {
  const tinker = (userDefinedMetadata as { tinker?: unknown } | null | undefined)?.tinker;
  if (typeof tinker !== 'object' || tinker === null) return null;
  const { spec, testAccuracy, trainedAt } = tinker as Record<string, unknown>;
  const accuracy = typeof testAccuracy === 'number' && testAccuracy >= 0 && testAccuracy <= 1 ? testAccuracy : null;
  const date = typeof trainedAt === 'string' && !Number.isNaN(Date.parse(trainedAt)) ? trainedAt : null;
  return { spec: spec ?? null, testAccuracy: accuracy, trainedAt: date };
}

/** "5 Dec 2026, 09:14" (English, 24-hour; in `timeZone`, default the reader's). */
export function formatTrainedAt(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
}

/** The status sentence for a model restored from the browser. */
export function savedModelSentence(meta: TinkerMetadata | null, timeZone?: string): string {
  const when = meta?.trainedAt ? ` from ${formatTrainedAt(meta.trainedAt, timeZone)}` : '';
  const score = meta?.testAccuracy != null ? `: ${formatPercent(meta.testAccuracy)} on the test set` : ' (its test accuracy was not recorded)';
  return `Your model${when}${score}`;
}
