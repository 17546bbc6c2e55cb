/**
 * The filter lab's worker: keeps the current source image and filters it on request, so the page
 * stays responsive while the reader drags a slider.
 *
 * Latest request wins: filter requests are not run as they arrive but picked up on the next task,
 * so when several have queued up while a filter was running, only the newest one runs.
 * Results go back with their RGBA buffer transferred.
 */
import type { Img } from '../../lib/image/types.ts';
import { renderFilter } from './ops.ts';
import type { FromFilterWorker, ToFilterWorker } from './protocol.ts';

const scope = self as unknown as {
  postMessage(message: FromFilterWorker, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToFilterWorker>) => void): void;
};

let image: { id: number; img: Img } | null = null;
let pending: Extract<ToFilterWorker, { type: 'filter' }> | null = null;
let scheduled = false;

function runPending(): void {
  scheduled = false;
  const request = pending;
  pending = null;
  if (!request) return;
  if (!image || image.id !== request.imageId) {
    scope.postMessage({ type: 'error', id: request.id, message: 'The filter worker has no image to filter yet.' }, []);
    return;
  }
  try {
    const started = performance.now();
    const result = renderFilter(image.img, request.job);
    const ms = performance.now() - started;
    scope.postMessage({ type: 'result', id: request.id, imageId: request.imageId, ms, ...result }, [result.rgba.buffer]);
  } catch (error) {
    scope.postMessage({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) }, []);
  }
}

scope.addEventListener('message', (event) => {
  const m = event.data;
  if (m.type === 'image') {
    image = { id: m.imageId, img: { width: m.width, height: m.height, channels: m.channels, data: m.data } };
  } else if (m.type === 'filter') {
    pending = m; // replaces any older request still waiting
    if (!scheduled) {
      scheduled = true;
      setTimeout(runPending, 0);
    }
  }
});
