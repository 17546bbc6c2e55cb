/**
 * The 3-D cursor: a position in the latent space that the reader moves axis by axis (keys or sliders)
 * and that is decoded as it moves. It stays inside the data's bounding box, widened by a margin, so the
 * decoder is never asked about places far from anything it saw in training.
 */
import type { Bounds, Vec3 } from './camera.ts';

export type Axis = 0 | 1 | 2;

/** How far past the data's bounding box the cursor may go, as a fraction of the box's size. */
export const CURSOR_MARGIN = 0.1;

/** The cursor's range on each axis: the data's box plus the margin. */
export function cursorRange(bounds: Bounds): { min: Vec3; max: Vec3 } {
  const pad = (a: Axis) => (bounds.max[a] - bounds.min[a]) * CURSOR_MARGIN;
  return {
    min: [bounds.min[0] - pad(0), bounds.min[1] - pad(1), bounds.min[2] - pad(2)],
    max: [bounds.max[0] + pad(0), bounds.max[1] + pad(1), bounds.max[2] + pad(2)],
  };
}

/** The cursor put at `position`, each coordinate clamped to the range. */
export function clampCursor(position: Vec3, bounds: Bounds): Vec3 {
  const { min, max } = cursorRange(bounds);
  return [0, 1, 2].map((a) => Math.max(min[a]!, Math.min(max[a]!, position[a]!))) as Vec3;
}

/** The cursor moved along one axis by `steps` fortieths of that axis's range. */
export function moveCursor(position: Vec3, axis: Axis, steps: number, bounds: Bounds): Vec3 {
  const { min, max } = cursorRange(bounds);
  const next: Vec3 = [...position];
  next[axis] += ((max[axis] - min[axis]) / 40) * steps;
  return clampCursor(next, bounds);
}
