/**
 * Where the supervised lessons keep the reader's model: the builder's worker saves every finished
 * run here, the inspector restores, downloads and replaces it. The model carries
 * `{ tinker: { spec, testAccuracy, trainedAt } }` as its user-defined metadata.
 */
export const SAVED_MODEL_URL = 'indexeddb://tinker-mnist-model';
