/**
 * The fallback when WebGL2 is missing or fails: the same points projected on the CPU
 * (lib/latent-view/camera.ts) and painted far to near on a 2-D canvas, one small square each,
 * grouped by colour per depth slice so the fill style changes a few hundred times, not 10,000.
 * Picking is the nearest of the points as last projected (lib/latent-view/pick.ts): nothing to prepare.
 */
import { projectAll } from '../../lib/latent-view/camera.ts';
import { nearestProjected } from '../../lib/latent-view/pick.ts';
import { PICK_RADIUS, POINT_SIZE, type PointCloud, type PointsRenderer } from './types.ts';

/** Depth slices painted back to front. */
const SLICES = 24;

export function createCanvasPoints(canvas: HTMLCanvasElement, cloud: PointCloud): PointsRenderer {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw on a canvas');
  let width = canvas.width;
  let height = canvas.height;
  let pixelRatio = 1;
  const palette = cloud.palette;
  const projected = new Float32Array(cloud.n * 3);
  const order = new Int32Array(cloud.n);

  return {
    kind: 'canvas2d',
    draw(matrix) {
      projectAll(matrix, cloud.points, cloud.n, width, height, projected);
      ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
      ctx.clearRect(0, 0, width, height);
      // Bucket the points by depth slice and class (counting sort), then paint far slices first.
      const classes = palette.length;
      const counts = new Int32Array(SLICES * classes + 1);
      const key = (i: number) => {
        const depth = projected[i * 3 + 2]!;
        if (!(depth >= 0 && depth <= 1)) return -1;
        return (SLICES - 1 - Math.min(SLICES - 1, Math.floor(depth * SLICES))) * classes + cloud.classes[i]!;
      };
      for (let i = 0; i < cloud.n; i++) {
        const k = key(i);
        if (k >= 0) counts[k + 1]!++;
      }
      for (let k = 1; k < counts.length; k++) counts[k]! += counts[k - 1]!;
      const starts = counts.slice();
      for (let i = 0; i < cloud.n; i++) {
        const k = key(i);
        if (k >= 0) order[starts[k]!++] = i;
      }
      const s = POINT_SIZE;
      for (let k = 0; k < SLICES * classes; k++) {
        if (counts[k] === counts[k + 1]) continue;
        ctx.fillStyle = palette[k % classes]!;
        ctx.beginPath();
        for (let o = counts[k]!; o < counts[k + 1]!; o++) {
          const i = order[o]!;
          ctx.rect(projected[i * 3]! - s / 2, projected[i * 3 + 1]! - s / 2, s, s);
        }
        ctx.fill();
      }
    },
    pick(x, y) {
      return nearestProjected(projected, cloud.n, x, y, PICK_RADIUS);
    },
    pickReady: true,
    preparePick() {},
    setPoints(points) {
      cloud = { ...cloud, points };
    },
    resize(w, h, ratio) {
      width = w;
      height = h;
      pixelRatio = ratio;
      canvas.width = Math.max(1, Math.round(w * ratio));
      canvas.height = Math.max(1, Math.round(h * ratio));
    },
    destroy() {},
  };
}
