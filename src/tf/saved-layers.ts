/**
 * A tfjs Layers model saved in this browser (an `indexeddb://` or `localstorage://` URL) read back as
 * the two files it would be downloaded as: model.json (its topology and weights manifest) and the
 * weights' bytes, so that code without tfjs (lib/adversarial/cnn-model.ts) can check and run it. Only
 * tfjs's storage code is used: no backend starts and no tensor is made.
 */
import * as tf from '@tensorflow/tfjs';

export interface SavedLayersFiles {
  /** What model.json would hold: `modelTopology` and a one-file `weightsManifest`. */
  modelJson: { modelTopology: unknown; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  weights: ArrayBuffer;
}

/** The model saved at `url`, or null when nothing is saved there. Throws when storage cannot be read. */
export async function readSavedLayersModel(url: string): Promise<SavedLayersFiles | null> {
  const saved = await tf.io.listModels();
  if (!(url in saved)) return null;
  const handler = tf.io.getLoadHandlers(url)[0];
  if (!handler?.load) throw new Error(`This browser cannot read models saved at ${url}.`);
  const artifacts = await handler.load();
  if (!artifacts.modelTopology || !artifacts.weightSpecs || !artifacts.weightData) {
    throw new Error('The saved model is incomplete: it has no layers or no weights. Train and save it again.');
  }
  return {
    modelJson: { modelTopology: artifacts.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }] },
    weights: tf.io.CompositeArrayBuffer.join(artifacts.weightData),
  };
}
