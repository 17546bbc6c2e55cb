/**
 * The filter lab's worker: keeps the current source image and filters it on request, so the page
 * stays responsive while the reader drags a slider.
 *
 * Latest request wins: filter requests are not run as they arrive but picked up on the next task,
 * so when several have queued up while a filter was running, only the newest one runs.
 * Results go back with their RGBA buffer transferred.
 */
import { errorText } from '../../lib/format/error-text.ts';
import type { Img } from '../../lib/image/types.ts';
import { onMessages, workerScope } from '../shared/worker-entry.ts';
import { renderFilter } from './ops.ts';
import type { FromFilterWorker, ToFilterWorker } from './protocol.ts';

const scope = workerScope<FromFilterWorker>();

let image: { id: number; img: Img } | null = null;
let pending: Extract<ToFilterWorker, { type: 'filter' }> | null = null;
let scheduled = false;

function runPending(): void {
  scheduled = false;
  const request = pending;
  pending = null;
  if (!request) return;
  if (!image || image.id !== request.imageId) {
    scope.post({ type: 'error', id: request.id, message: 'The filter worker has no image to filter yet.' }, []);
    return;
  }
  try {
    const started = performance.now();
    const result = renderFilter(image.img, request.job);
    const ms = performance.now() - started;
    scope.post({ type: 'result', id: request.id, imageId: request.imageId, ms, ...result }, [result.rgba.buffer]);
  } catch (error) {
    scope.post({ type: 'error', id: request.id, message: errorText(error) }, []);
  }
}

onMessages<ToFilterWorker>({
  image: (m) => {
    image = { id: m.imageId, img: { width: m.width, height: m.height, channels: m.channels, data: m.data } };
  },
  filter: (m) => {
    pending = m; // replaces any older request still waiting
    if (!scheduled) {
      scheduled = true;
      setTimeout(runPending, 0);
    }
  },
});
