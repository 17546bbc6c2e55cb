/**
 * A 3-D scatter of many points (`src/viz/points-3d/`): WebGL2 when the browser has it, otherwise the
 * canvas-2D fallback, and why. The camera maths is lib/latent-view/; this only draws and picks.
 */
import { createCanvasPoints } from './canvas2d.ts';
import type { PointCloud, PointsRenderer } from './types.ts';
import { createWebglPoints } from './webgl.ts';

export type { PointCloud, PointsRenderer } from './types.ts';

export interface CreatedPoints {
  renderer: PointsRenderer;
  /** The canvas drawn on: the one given, or its replacement when WebGL2 failed after taking it. */
  canvas: HTMLCanvasElement;
  /** Why WebGL2 is not used (null when it is). */
  fallbackReason: string | null;
}

/**
 * The renderer for `canvas`. A canvas holds only one kind of context, so when WebGL2 fails the
 * fallback draws on a fresh copy of the canvas put in its place. `webglProblem` (e.g. the context was
 * lost) skips WebGL2 and says why.
 */
export function createPoints3d(canvas: HTMLCanvasElement, cloud: PointCloud, webglProblem: string | null = null): CreatedPoints {
  try {
    if (webglProblem) throw new Error(webglProblem);
    return { renderer: createWebglPoints(canvas, cloud), canvas, fallbackReason: null };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const spare = canvas.cloneNode(false) as HTMLCanvasElement;
    canvas.replaceWith(spare);
    return { renderer: createCanvasPoints(spare, cloud), canvas: spare, fallbackReason: reason };
  }
}
