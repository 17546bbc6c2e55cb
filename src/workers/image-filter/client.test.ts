import { afterEach, describe, expect, it, vi } from 'vitest';
import { createImg } from '../../lib/image/image.ts';
import { KERNEL_PRESETS } from '../../lib/image/kernels.ts';
import { createFilterRunner, type WorkerLike } from './client.ts';
import { renderFilter } from './ops.ts';
import type { FilterJob, FromFilterWorker, ToFilterWorker } from './protocol.ts';

/** A worker stand-in: records what it is sent; the test answers for it. */
class FakeWorker implements WorkerLike {
  sent: ToFilterWorker[] = [];
  terminated = false;
  private readonly events = new EventTarget();
  addEventListener(type: string, listener: (event: never) => void): void {
    this.events.addEventListener(type, listener as EventListener);
  }
  dispatchEvent(event: Event): void {
    this.events.dispatchEvent(event);
  }
  postMessage(message: ToFilterWorker): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  filters() {
    return this.sent.filter((m): m is Extract<ToFilterWorker, { type: 'filter' }> => m.type === 'filter');
  }
  /** Answer a filter request as the real worker would. */
  answer(request: Extract<ToFilterWorker, { type: 'filter' }>, img = createImg(2, 2, 3, 50)): void {
    const out = renderFilter(img, request.job);
    const message: FromFilterWorker = { type: 'result', id: request.id, imageId: request.imageId, ms: 1, ...out };
    this.dispatchEvent(new MessageEvent('message', { data: message }));
  }
  fail(): void {
    this.dispatchEvent(new Event('error', { cancelable: true }));
  }
}

const job = (values: number[], size = 3): FilterJob => ({ kind: 'kernel', size, values, border: 'zero', display: 'clamp', grey: false });
const identity = Array.from(KERNEL_PRESETS.identity.kernel.values);
const box = Array.from(KERNEL_PRESETS.box.kernel.values);
const sharpen = Array.from(KERNEL_PRESETS.sharpen.kernel.values);

afterEach(() => vi.useRealTimers());

describe('filter runner with a worker', () => {
  it('sends the image once (a copy) and then only kernels', () => {
    const worker = new FakeWorker();
    const runner = createFilterRunner(
      () => {},
      () => {},
      { createWorker: () => worker },
    );
    const img = createImg(2, 2, 3, 50);
    runner.setImage(img);
    runner.request(job(identity));
    expect(runner.mode).toBe('worker');
    expect(worker.sent.map((m) => m.type)).toEqual(['image', 'filter']);
    const sentImage = worker.sent[0] as Extract<ToFilterWorker, { type: 'image' }>;
    expect(sentImage.data).not.toBe(img.data);
    expect(Array.from(sentImage.data)).toEqual(Array.from(img.data));
  });

  it('runs one filter at a time and keeps only the newest waiting request', () => {
    const worker = new FakeWorker();
    const results: FilterJob[] = [];
    const runner = createFilterRunner(
      (r) => results.push(r.job),
      () => {},
      { createWorker: () => worker },
    );
    runner.setImage(createImg(2, 2, 3, 50));
    const first = job(identity);
    const newest = job(sharpen);
    runner.request(first);
    runner.request(job(box)); // superseded before it could start
    runner.request(newest);
    expect(worker.filters()).toHaveLength(1);
    expect(runner.busy).toBe(true);

    worker.answer(worker.filters()[0]!);
    expect(results).toEqual([first]);
    expect(worker.filters()).toHaveLength(2);
    expect(worker.filters()[1]!.job).toEqual(newest);

    worker.answer(worker.filters()[1]!);
    expect(results).toEqual([first, newest]);
    expect(runner.busy).toBe(false);
  });

  it('drops results for an image that has since been replaced', () => {
    const worker = new FakeWorker();
    const results: number[] = [];
    const runner = createFilterRunner(
      (r) => results.push(r.width),
      () => {},
      { createWorker: () => worker },
    );
    runner.setImage(createImg(2, 2, 3, 50));
    runner.request(job(identity));
    runner.setImage(createImg(4, 4, 3, 50));
    runner.request(job(identity));
    worker.answer(worker.filters()[0]!); // for the old image: not drawn
    expect(results).toEqual([]);
    worker.answer(worker.filters()[1]!, createImg(4, 4, 3, 50));
    expect(results).toEqual([4]);
  });

  it('passes worker errors on and carries on', () => {
    const worker = new FakeWorker();
    const errors: string[] = [];
    const runner = createFilterRunner(
      () => {},
      (m) => errors.push(m),
      { createWorker: () => worker },
    );
    runner.setImage(createImg(2, 2, 3, 50));
    runner.request(job(identity));
    const request = worker.filters()[0]!;
    worker.dispatchEvent(new MessageEvent('message', { data: { type: 'error', id: request.id, message: 'bad kernel' } satisfies FromFilterWorker }));
    expect(errors).toEqual(['bad kernel']);
    expect(runner.busy).toBe(false);
  });

  it('falls back to the main thread when the worker fails, redoing the request', async () => {
    vi.useFakeTimers();
    const worker = new FakeWorker();
    const results: { mode: string; rgba: Uint8ClampedArray }[] = [];
    const runner = createFilterRunner(
      (r) => results.push(r),
      () => {},
      { createWorker: () => worker },
    );
    const img = createImg(2, 2, 3, 50);
    runner.setImage(img);
    runner.request(job(identity));
    worker.fail();
    expect(worker.terminated).toBe(true);
    expect(runner.mode).toBe('main');
    await vi.runAllTimersAsync();
    expect(results).toHaveLength(1);
    expect(results[0]!.mode).toBe('main');
    expect(Array.from(results[0]!.rgba.slice(0, 4))).toEqual([50, 50, 50, 255]);
  });

  it('ignores everything after dispose', () => {
    const worker = new FakeWorker();
    const results: unknown[] = [];
    const runner = createFilterRunner(
      (r) => results.push(r),
      () => {},
      { createWorker: () => worker },
    );
    runner.setImage(createImg(2, 2, 3, 50));
    runner.request(job(identity));
    runner.dispose();
    expect(worker.terminated).toBe(true);
    worker.answer(worker.filters()[0]!);
    expect(results).toEqual([]);
  });
});

describe('filter runner without a worker', () => {
  it('filters on the main thread, and a burst of requests collapses to the newest', async () => {
    vi.useFakeTimers();
    const results: FilterJob[] = [];
    const runner = createFilterRunner(
      (r) => results.push(r.job),
      () => {},
      {
        createWorker: () => {
          throw new Error('no workers here');
        },
      },
    );
    expect(runner.mode).toBe('main');
    runner.setImage(createImg(3, 3, 1, 90));
    const first = job(identity);
    const newest = job(sharpen);
    runner.request(first);
    runner.request(job(box));
    runner.request(newest);
    await vi.runAllTimersAsync();
    expect(results).toEqual([first, newest]);
  });

  it('reports a bad kernel as an error', async () => {
    vi.useFakeTimers();
    const errors: string[] = [];
    const runner = createFilterRunner(
      () => {},
      (m) => errors.push(m),
      { createWorker: () => null },
    );
    runner.setImage(createImg(3, 3, 1, 90));
    runner.request(job([1, 2, 3], 3));
    await vi.runAllTimersAsync();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/3×3 kernel needs 9 values/);
    expect(runner.busy).toBe(false);
  });
});
