import { afterEach, describe, expect, it, vi } from 'vitest';
import { yieldToEventLoop } from './yield.ts';

describe('yieldToEventLoop', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('resolves after a macrotask: queued timers and microtasks run first', async () => {
    const seen: string[] = [];
    queueMicrotask(() => seen.push('microtask'));
    const done = yieldToEventLoop().then(() => seen.push('yield'));
    await done;
    expect(seen).toEqual(['microtask', 'yield']);
  });

  it('resolves many concurrent callers, in call order', async () => {
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => yieldToEventLoop().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('is not clamped like nested setTimeout: 200 yields take well under 200 × 4 ms', async () => {
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) await yieldToEventLoop();
    expect(performance.now() - t0).toBeLessThan(400);
  });

  it('falls back to setTimeout where there is no MessageChannel', async () => {
    vi.stubGlobal('MessageChannel', undefined);
    const spy = vi.spyOn(globalThis, 'setTimeout');
    await yieldToEventLoop();
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});
