import { afterEach, describe, expect, it, vi } from 'vitest';
import { pauseForPaint, yieldToEventLoop } from './yield.ts';

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

  it('goes through a MessageChannel, not a timer (nested timers are clamped to 4 ms)', async () => {
    const timer = vi.spyOn(globalThis, 'setTimeout');
    for (let i = 0; i < 20; i++) await yieldToEventLoop();
    expect(timer).not.toHaveBeenCalled();
    timer.mockRestore();
  });

  it('falls back to setTimeout where there is no MessageChannel', async () => {
    vi.stubGlobal('MessageChannel', undefined);
    const spy = vi.spyOn(globalThis, 'setTimeout');
    await yieldToEventLoop();
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});

describe('pauseForPaint', () => {
  it('resolves on a timer task, after timers queued before it', async () => {
    const seen: string[] = [];
    setTimeout(() => seen.push('earlier timer'), 0);
    await pauseForPaint().then(() => seen.push('pause'));
    expect(seen).toEqual(['earlier timer', 'pause']);
  });
});
