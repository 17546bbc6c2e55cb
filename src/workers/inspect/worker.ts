/**
 * The model inspector's worker: holds one model and the test set (./session.ts) and answers the
 * page's requests (./protocol.ts) one at a time, in order. tfjs is imported here, never by the page.
 */
import { errorText } from '../../lib/format/error-text.ts';
import { onMessages, workerScope } from '../shared/worker-entry.ts';
import type { FromInspector, ToInspector } from './protocol.ts';
import { InspectError, InspectSession } from './session.ts';

const scope = workerScope<FromInspector>();
const session = new InspectSession();
let queue: Promise<void> = Promise.resolve();

/** Runs `work` after the requests before it; a failure becomes the request's `error` answer. */
function serve<M extends ToInspector>(work: (m: M) => Promise<void>): (m: M) => void {
  return (m) => {
    queue = queue.then(() =>
      work(m).catch((err: unknown) => {
        const hint = err instanceof InspectError ? err.hint : 'Try again; if it keeps failing, reload the page.';
        scope.post({ type: 'error', id: m.id, message: err instanceof InspectError ? err.message : `Something went wrong: ${errorText(err)}`, hint });
      }),
    );
  };
}

const progressOf =
  (id: number) =>
  (text: string, loaded?: number, total?: number | null): void =>
    scope.post({ type: 'progress', id, text, ...(loaded !== undefined ? { loaded, total: total ?? null } : {}) });

onMessages<ToInspector>({
  restore: serve(async (m) => {
    const info = await session.restore();
    const evaluation = info ? await session.evaluate(m.data, progressOf(m.id)) : null;
    scope.post({ type: 'model', id: m.id, info: info ? session.info() : null, evaluation, backend: await session.ensureBackend() });
  }),
  'train-quick': serve(async (m) => {
    const { info, evaluation } = await session.trainQuick(m.data, m.trainLimit, m.seed, progressOf(m.id));
    scope.post({ type: 'model', id: m.id, info, evaluation, backend: await session.ensureBackend() });
  }),
  load: serve(async (m) => {
    await session.loadFiles(m.modelJson, m.weightData);
    const evaluation = await session.evaluate(m.data, progressOf(m.id));
    scope.post({ type: 'model', id: m.id, info: session.info(), evaluation, backend: await session.ensureBackend() });
  }),
  predict: serve(async (m) => {
    const probs = await session.predict(m.pixels);
    scope.post({ type: 'prediction', id: m.id, probs }, [probs.buffer]);
  }),
  images: serve(async (m) => {
    const pixels = session.images(m.indices);
    scope.post({ type: 'images', id: m.id, pixels }, [pixels.buffer]);
  }),
  export: serve(async (m) => {
    const { modelJson, weightData } = await session.export(m.weightsFile);
    scope.post({ type: 'artifacts', id: m.id, modelJson, weightData }, [weightData]);
  }),
  save: serve(async (m) => {
    scope.post({ type: 'saved', id: m.id, info: await session.save() });
  }),
});
