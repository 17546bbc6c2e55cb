/**
 * Picking from a cached id buffer, as the TensorFlow Embedding Projector does: the points are drawn
 * once more, each in a colour that encodes its index (`indexToRgb` in pick.ts), only when the camera
 * has come to rest (`createSettle`) or the points change, and read back whole into memory. A click
 * is then a lookup in that array, with no drawing and no waiting on the GPU; while the camera moves
 * there is no picking work at all.
 */
import { rgbToIndex } from './pick.ts';

/** RGBA bytes of a width × height pixel grid, bottom row first (as WebGL reads pixels back). */
export interface PickBuffer {
  pixels: Uint8Array;
  width: number;
  height: number;
}

/**
 * The point drawn nearest to pixel (x, y) (counted from the top left, as on the page) within `radius`
 * pixels, read from `buffer`; null if no point is drawn that close. Pixels that are not fully opaque
 * (the cleared background) or hold an id of `n` or more are ignored.
 */
export function lookupPick(buffer: PickBuffer, x: number, y: number, radius: number, n: number): number | null {
  const { pixels, width, height } = buffer;
  const px = Math.floor(x);
  const py = height - 1 - Math.floor(y);
  const r = Math.max(0, Math.floor(radius));
  let best: number | null = null;
  let bestD = r * r + 1;
  for (let j = Math.max(0, py - r); j <= Math.min(height - 1, py + r); j++) {
    for (let i = Math.max(0, px - r); i <= Math.min(width - 1, px + r); i++) {
      const d = (i - px) ** 2 + (j - py) ** 2;
      if (d >= bestD) continue;
      const o = (j * width + i) * 4;
      if (pixels[o + 3] !== 255) continue;
      const index = rgbToIndex(pixels[o]!, pixels[o + 1]!, pixels[o + 2]!);
      if (index !== null && index < n) {
        best = index;
        bestD = d;
      }
    }
  }
  return best;
}

/** A one-shot timer, injected so the settle logic can be tested without waiting. */
export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface Settle {
  /** The camera (or the points) moved: the rest starts again from now. */
  moved(): void;
  /** Whether a move is waiting to settle. */
  readonly pending: boolean;
  /** Forget a pending move without calling back (the view is going away). */
  cancel(): void;
}

/** How long the camera must stay still, in milliseconds, before the pick buffer is drawn. */
export const SETTLE_MS = 120;

/**
 * Calls `onSettled` once the moves reported by `moved()` have stopped for `quietMs` milliseconds:
 * once per rest, however many moves came before it.
 */
export function createSettle(
  onSettled: () => void,
  quietMs = SETTLE_MS,
  timers: Timers = { set: (callback, ms) => setTimeout(callback, ms), clear: (handle) => clearTimeout(handle as number) },
): Settle {
  let handle: unknown = null;
  const cancel = () => {
    if (handle !== null) timers.clear(handle);
    handle = null;
  };
  return {
    moved() {
      cancel();
      handle = timers.set(() => {
        handle = null;
        onSettled();
      }, quietMs);
    },
    get pending() {
      return handle !== null;
    },
    cancel,
  };
}
