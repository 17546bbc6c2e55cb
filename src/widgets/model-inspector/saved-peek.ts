/**
 * Is there a saved model, and what does its metadata say? Read straight from the IndexedDB
 * database TensorFlow.js keeps its models in (tfjs-core io/indexed_db.ts: database 'tensorflowjs'
 * version 1, store 'models_store' keyed by 'modelPath'), so that a page can say "Your model from
 * …" without loading tfjs. Creating the database when it is missing does what tfjs itself does.
 */
import { readTinkerMetadata, type TinkerMetadata } from '../../lib/model-files/metadata.ts';
import { SAVED_MODEL_URL } from '../../lib/supervised/saved-model.ts';

const DATABASE = 'tensorflowjs';
const MODELS = 'models_store';
const INFO = 'model_info_store';

export type SavedPeek = { saved: false } | { saved: true; meta: TinkerMetadata | null };

export function peekSavedModel(): Promise<SavedPeek> {
  const path = SAVED_MODEL_URL.replace(/^indexeddb:\/\//, '');
  return new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve({ saved: false });
    const open = indexedDB.open(DATABASE, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore(MODELS, { keyPath: 'modelPath' });
      open.result.createObjectStore(INFO, { keyPath: 'modelPath' });
    };
    // Storage blocked or broken: as if nothing were saved (tfjs will say more if the reader saves).
    open.onerror = () => resolve({ saved: false });
    open.onsuccess = () => {
      const db = open.result;
      try {
        const get = db.transaction(MODELS, 'readonly').objectStore(MODELS).get(path);
        get.onsuccess = () => {
          const record = get.result as { modelArtifacts?: { userDefinedMetadata?: unknown } } | undefined;
          db.close();
          resolve(record ? { saved: true, meta: readTinkerMetadata(record.modelArtifacts?.userDefinedMetadata) } : { saved: false });
        };
        get.onerror = () => {
          db.close();
          resolve({ saved: false });
        };
      } catch {
        db.close();
        resolve({ saved: false });
      }
    };
  });
}
