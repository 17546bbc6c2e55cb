/**
 * The model the builder saves at the end of every finished run (from its worker) and the model
 * inspector restores: where it lives, what metadata it carries, and how that metadata is read
 * back (it is stored data a page cannot trust: another version of the site, or a file the reader
 * loaded, may have written it). Also the event that opens a spec in the builder.
 */
import type { DatasetName, ModelSpec } from './model-spec.ts';
import { readModelSpec } from './spec-check.ts';

/** tf.io URL of the saved model (IndexedDB, per origin). */
export const SAVED_MODEL_URL = 'indexeddb://tinker-mnist-model';

/**
 * `document.dispatchEvent(new CustomEvent(OPEN_IN_BUILDER_EVENT, { detail: spec }))` fills the
 * model builder with `spec` (a ModelSpec), scrolls it into view and focuses its first control.
 */
export const OPEN_IN_BUILDER_EVENT = 'tk-open-in-builder';

/** What `model.setUserDefinedMetadata({ tinker: … })` holds. */
export interface SavedModelMeta {
  spec: ModelSpec;
  /** On the test images, 0–1. */
  testAccuracy: number;
  /** ISO 8601 date of the end of training. */
  trainedAt: string;
  /** What it was trained on, when not MNIST. */
  dataset?: DatasetName;
}

/** The metadata object to store: `model.setUserDefinedMetadata(savedModelMetadata(meta))`. */
export function savedModelMetadata(meta: SavedModelMeta): { tinker: SavedModelMeta } {
  return { tinker: meta };
}

export type MetaReading = { ok: true; meta: SavedModelMeta } | { ok: false; problem: string };

/**
 * Reads the `tinker` metadata of a stored or loaded model (`model.getUserDefinedMetadata()`),
 * checking every field. A model from elsewhere (no `tinker` entry) is `ok: false` with a reason.
 */
export function readSavedModelMeta(userDefinedMetadata: unknown): MetaReading {
  const tinker = (userDefinedMetadata as { tinker?: unknown } | null | undefined)?.tinker;
  if (typeof tinker !== 'object' || tinker === null) {
    return { ok: false, problem: 'The model carries no Tinker description (it was not saved by the model builder).' };
  }
  const { spec, testAccuracy, trainedAt, dataset } = tinker as Record<string, unknown>;
  const reading = readModelSpec(spec);
  if (!reading.ok) return { ok: false, problem: `The model’s description is not usable: ${reading.problems.join(' ')}` };
  if (typeof testAccuracy !== 'number' || !(testAccuracy >= 0 && testAccuracy <= 1)) {
    return { ok: false, problem: 'The model’s test accuracy is missing or not between 0 and 1.' };
  }
  if (typeof trainedAt !== 'string' || Number.isNaN(Date.parse(trainedAt))) {
    return { ok: false, problem: 'The model’s training date is missing or not a date.' };
  }
  if (dataset !== undefined && dataset !== 'mnist' && dataset !== 'fashion-mnist') {
    return { ok: false, problem: 'The model names a dataset this site does not know.' };
  }
  return { ok: true, meta: { spec: reading.spec, testAccuracy, trainedAt, ...(dataset ? { dataset } : {}) } };
}
