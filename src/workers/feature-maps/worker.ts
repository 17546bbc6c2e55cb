/**
 * The CNN trainer's model worker: holds the pretrained and the reader's model and the test images
 * (./session.ts) and answers the page's requests (./protocol.ts) one at a time, in order. tfjs is
 * imported here, never by the page.
 */
import { errorText } from '../../lib/format/error-text.ts';
import { onMessages, workerScope } from '../shared/worker-entry.ts';
import type { FromFeatureMaps, ToFeatureMaps } from './protocol.ts';
import { FeatureMapError, FeatureMapSession } from './session.ts';

const scope = workerScope<FromFeatureMaps>();
const session = new FeatureMapSession();
let queue: Promise<void> = Promise.resolve();

/** Runs `work` after the requests before it; a failure becomes the request's `error` answer. */
function serve<M extends ToFeatureMaps>(work: (m: M) => Promise<void>): (m: M) => void {
  return (m) => {
    queue = queue.then(() =>
      work(m).catch((err: unknown) => {
        const known = err instanceof FeatureMapError;
        scope.post({
          type: 'error',
          id: m.id,
          message: known ? err.message : `Something went wrong: ${errorText(err)}`,
          hint: known ? err.hint : 'Try again; if it keeps failing, reload the page.',
        });
      }),
    );
  };
}

onMessages<ToFeatureMaps>({
  load: serve(async (m) => {
    const progress = (text: string, loaded?: number, total?: number | null): void =>
      scope.post({ type: 'progress', id: m.id, text, ...(loaded !== undefined ? { loaded, total: total ?? null } : {}) });
    const { filters, evaluation } = await session.load(m.key, m.modelUrl, m, progress);
    scope.post({ type: 'loaded', id: m.id, key: m.key, filters, evaluation, backend: await session.ensureBackend() });
  }),
  maps: serve(async (m) => {
    const outputs = await session.maps(m.key, m.index);
    scope.post({ type: 'maps', id: m.id, key: m.key, index: m.index, outputs });
  }),
  images: serve(async (m) => {
    const pixels = session.images(m.indices);
    scope.post({ type: 'images', id: m.id, pixels }, [pixels.buffer]);
  }),
});
