import { describe, expect, it } from 'vitest';
import { indexToRgb } from './pick.ts';
import { createSettle, lookupPick, type PickBuffer, type Timers } from './pick-buffer.ts';

/** A width × height buffer with point `index` drawn at each (x, y) (top-left origin), as WebGL would read it back. */
function buffer(width: number, height: number, points: Array<[x: number, y: number, index: number]>): PickBuffer {
  const pixels = new Uint8Array(width * height * 4);
  for (const [x, y, index] of points) {
    const o = ((height - 1 - y) * width + x) * 4;
    pixels.set([...indexToRgb(index), 255], o);
  }
  return { pixels, width, height };
}

describe('pick buffer lookup', () => {
  it('finds the point under the pixel, counting rows from the top although the buffer is stored bottom row first', () => {
    const b = buffer(8, 6, [
      [1, 0, 7],
      [6, 5, 42],
    ]);
    expect(lookupPick(b, 1.5, 0.2, 0, 100)).toBe(7);
    expect(lookupPick(b, 6, 5, 0, 100)).toBe(42);
    expect(lookupPick(b, 6, 0, 0, 100)).toBeNull();
  });

  it('takes the nearest point within the radius, and none beyond it', () => {
    const b = buffer(20, 20, [
      [10, 10, 1],
      [13, 10, 2],
    ]);
    expect(lookupPick(b, 12, 10, 3, 10)).toBe(2);
    expect(lookupPick(b, 11, 10, 3, 10)).toBe(1);
    expect(lookupPick(b, 10, 14, 3, 10)).toBeNull();
    expect(lookupPick(b, 10, 13, 3, 10)).toBe(1);
  });

  it('stays inside the buffer at its edges and ignores the background, half-covered pixels and ids out of range', () => {
    const b = buffer(4, 4, [
      [0, 0, 3],
      [3, 3, 9],
    ]);
    expect(lookupPick(b, 0, 0, 5, 10)).toBe(3);
    expect(lookupPick(b, 3, 3, 1, 5)).toBeNull();
    b.pixels[12 * 4 + 3] = 128; // (0, 0): the top row is stored last
    expect(lookupPick(b, 0, 0, 5, 10)).toBe(9);
    expect(lookupPick(b, -10, 50, 2, 10)).toBeNull();
  });
});

/** Timers driven by hand: `advance(ms)` fires what falls due. */
function fakeTimers(): Timers & { advance(ms: number): void } {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; callback: () => void }>();
  return {
    set(callback, ms) {
      due.set(next, { at: now + ms, callback });
      return next++;
    },
    clear(handle) {
      due.delete(handle as number);
    },
    advance(ms) {
      now += ms;
      for (const [id, t] of [...due]) {
        if (t.at > now) continue;
        due.delete(id);
        t.callback();
      }
    },
  };
}

describe('camera settle', () => {
  it('calls back once the moves have stopped for the quiet time, once per rest', () => {
    const timers = fakeTimers();
    let settled = 0;
    const settle = createSettle(() => settled++, 100, timers);
    expect(settle.pending).toBe(false);
    for (let frame = 0; frame < 20; frame++) {
      settle.moved();
      timers.advance(16);
    }
    expect(settled).toBe(0);
    expect(settle.pending).toBe(true);
    timers.advance(99);
    expect(settled).toBe(1);
    expect(settle.pending).toBe(false);
    timers.advance(1000);
    expect(settled).toBe(1);
    settle.moved();
    timers.advance(100);
    expect(settled).toBe(2);
  });

  it('calls back nothing once cancelled', () => {
    const timers = fakeTimers();
    let settled = 0;
    const settle = createSettle(() => settled++, 100, timers);
    settle.moved();
    settle.cancel();
    timers.advance(500);
    expect(settled).toBe(0);
    expect(settle.pending).toBe(false);
  });
});
