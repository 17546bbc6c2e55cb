/** What the two point renderers (WebGL2 and the canvas-2D fallback) share. */

export interface PointCloud {
  /** n × 3, row-major, in the data's own units. */
  points: Float32Array;
  n: number;
  /** The class of each point, 0…9: its colour. */
  classes: Uint8Array;
  /** One CSS colour (#rrggbb) per class. */
  palette: readonly string[];
}

export interface PointsRenderer {
  readonly kind: 'webgl2' | 'canvas2d';
  /** Draws every point with this clip-space matrix (camera/viewProjection) on the canvas's current size. */
  draw(matrix: Float32Array): void;
  /**
   * The point drawn at canvas pixel (x, y) in CSS pixels (or within a few pixels of it); null if none.
   * A lookup when the pick buffer is ready; otherwise it is prepared first.
   */
  pick(x: number, y: number): number | null;
  /** Whether a pick is a plain lookup now (the pick buffer matches the last drawn view). */
  readonly pickReady: boolean;
  /** Starts making the pick buffer for the last drawn view, if it is not ready (`pickReady` says when it is): call it once the camera has stopped. */
  preparePick(): void;
  /** New positions for the same points (another embedding, or a live training step). */
  setPoints(points: Float32Array): void;
  /** The canvas's size in CSS pixels and the device pixel ratio. */
  resize(width: number, height: number, pixelRatio: number): void;
  destroy(): void;
}

/** Point diameter in CSS pixels. */
export const POINT_SIZE = 3;
/** A click this close (CSS pixels) to a point picks it. */
export const PICK_RADIUS = 6;

/** '#rrggbb' (or '#rgb') → [r, g, b] in 0…1; grey for anything else. */
export function parseColour(colour: string): [number, number, number] {
  const hex = colour.trim().replace('#', '');
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) return [0.5, 0.5, 0.5];
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255) as [number, number, number];
}
